// OPS edits a draft version (and, while the contract itself is a draft, its header). Optimistic concurrency:
// the edit names the revision it was based on; if someone saved in between, it is refused with who changed what.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { fromIsoDate, todayIso, toIsoDate } from "../../domain/contracts/dates";
import { diffTerms, describeChange } from "../../domain/contracts/terms-diff";
import { ZContractTerms, ZIsoDate, type ContractTerms, type IsoDate } from "../../domain/contracts/terms";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertRateCardReferences } from "../rateCards/rate-cards";
import { fieldDiff } from "../../domain/audit-chain";
import { assertNotBeforeApprovedTerms, lockVersion, nextVersionStatus } from "./contract-guards";
import { contractView, versionView } from "./contract-views";
import { ZContractHeader } from "./create-contract";

export const ZEditVersionRequestSchema = z.object({
  versionId: z.string().uuid(),
  /** The revision the editor loaded; a stale one is refused. */
  revision: z.number().int().positive(),
  terms: ZContractTerms,
  header: ZContractHeader.optional(),
  effectiveFrom: ZIsoDate.optional(),
  reason: z.string().trim().max(500).optional(),
});
export type EditVersionRequest = z.infer<typeof ZEditVersionRequestSchema>;

/** The terms as they were at `revision`, read back from the audit trail of this version's edits. */
async function termsAtRevision(tx: Tx, versionId: string, revision: number): Promise<ContractTerms | null> {
  const entries = await tx.auditLog.findMany({
    where: { entityType: "ContractVersion", entityId: versionId, action: { in: ["contractVersion.created", "contractVersion.edited"] } },
    orderBy: { id: "asc" },
    select: { after: true },
  });
  for (const entry of entries) {
    const after = entry.after as { revision?: number; terms?: unknown } | null;
    if ((after?.revision ?? 1) === revision && after?.terms) return ZContractTerms.parse(after.terms);
  }
  return null;
}

export async function staleError(tx: Tx, version: { id: string; revision: number; terms: unknown; updatedAt: Date }, basedOn: number) {
  const base = await termsAtRevision(tx, version.id, basedOn);
  const lastEdit = await tx.auditLog.findFirst({
    where: { entityType: "ContractVersion", entityId: version.id, action: "contractVersion.edited" },
    orderBy: { id: "desc" },
    select: { actorLabel: true, at: true },
  });
  const changes = base ? diffTerms(base, ZContractTerms.parse(version.terms)).map((c) => describeChange(c)) : [];
  const who = lastEdit ? `${lastEdit.actorLabel} saved it at ${lastEdit.at.toISOString().slice(0, 16).replace("T", " ")} UTC` : "It was changed";
  return new AppError("VERSION_STALE", `Someone else changed this version since you opened it: ${who}. Reload to see their changes.`, {
    details: { currentRevision: version.revision, changedBy: lastEdit?.actorLabel ?? null, changes },
  });
}

/** Amendments take effect today or later (finance may backdate when approving), inside the term. */
export function checkEffectiveFrom(effectiveFrom: IsoDate, term: { start: IsoDate; end: IsoDate }, today = todayIso()) {
  if (effectiveFrom < today) {
    throw new AppError("EFFECTIVE_DATE_INVALID", "An amendment takes effect today or later", { fieldErrors: { effectiveFrom: [`Choose ${today} or later; finance can backdate when approving`] } });
  }
  if (effectiveFrom < term.start || effectiveFrom > term.end) {
    throw new AppError("EFFECTIVE_DATE_INVALID", "The effective date is outside the contract term", { fieldErrors: { effectiveFrom: [`Choose a date between ${term.start} and ${term.end}`] } });
  }
}

export async function editVersion(db: Db, ctx: RequestContext, input: EditVersionRequest) {
  return db.$transaction(async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    const status = nextVersionStatus(version.status, { type: "EDIT" });
    if (version.revision !== input.revision) throw await staleError(tx, version, input.revision);

    const contract = version.contract;
    // Nothing of an ended contract can apply any more; only a renewal can bring an expired one back.
    if (contract.status === "TERMINATED" || (contract.status === "EXPIRED" && version.kind !== "RENEWAL")) {
      throw new AppError("CONTRACT_NOT_ACTIVE", "This contract has ended: its versions can no longer change");
    }
    if (input.header && contract.status !== "DRAFT") throw new AppError("CONTRACT_NOT_EDITABLE");
    await assertRateCardReferences(tx, input.terms);
    let effectiveFrom = version.effectiveFrom;
    if (input.effectiveFrom && version.kind === "AMENDMENT") {
      checkEffectiveFrom(input.effectiveFrom, { start: toIsoDate(contract.termStart), end: toIsoDate(contract.termEnd) });
      await assertNotBeforeApprovedTerms(tx, contract.id, input.effectiveFrom, "effectiveFrom");
      effectiveFrom = fromIsoDate(input.effectiveFrom);
    }
    if (input.header) {
      const header = { ...input.header, termStart: fromIsoDate(input.header.termStart), termEnd: fromIsoDate(input.header.termEnd) };
      const updated = await tx.contract.update({ where: { id: contract.id }, data: header });
      // The original version takes effect when the term starts.
      if (version.kind === "ORIGINAL") effectiveFrom = header.termStart;
      const diff = fieldDiff(contractView(contract) as Record<string, unknown>, contractView(updated));
      if (Object.keys(diff.after).length) await recordAudit(tx, ctx, { action: "contract.updated", entityId: contract.id, ...diff });
    }
    const updated = await tx.contractVersion.update({
      where: { id: version.id },
      data: { terms: input.terms, effectiveFrom, reason: input.reason ?? version.reason, status, revision: { increment: 1 } },
    });
    await recordAudit(tx, ctx, {
      action: "contractVersion.edited",
      entityId: version.id,
      before: { revision: version.revision, status: version.status },
      after: { revision: updated.revision, status, terms: input.terms, effectiveFrom: toIsoDate(effectiveFrom) },
    });
    return versionView(updated);
  });
}
