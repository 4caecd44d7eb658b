// New versions of an active contract: amendments (OPS, effective today or later) and renewals (the renewal job,
// or OPS by hand). Both start from the terms in force at the point they take over, so the draft shows the
// proposed change against what applies today.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import type { Contract } from "../../db/generated/client";
import { addDays, addMonths, fromIsoDate, toIsoDate } from "../../domain/contracts/dates";
import { termsInForceOn } from "../../domain/contracts/effective-terms";
import { ZIsoDate, type IsoDate } from "../../domain/contracts/terms";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertNotBeforeApprovedTerms, lockContract } from "./contract-guards";
import { versionView } from "./contract-views";
import { checkEffectiveFrom } from "./edit-version";

export const ZProposeAmendmentRequestSchema = z.object({
  contractId: z.string().uuid(),
  effectiveFrom: ZIsoDate,
  reason: z.string().trim().min(3, "Say why the terms change").max(500),
});
export type ProposeAmendmentRequest = z.infer<typeof ZProposeAmendmentRequestSchema>;

async function approvedVersions(tx: Tx, contractId: string) {
  const rows = await tx.contractVersion.findMany({ where: { contractId, status: "APPROVED" }, orderBy: { number: "asc" } });
  return rows.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), terms: v.terms }));
}

async function assertNoOpenVersion(tx: Tx, contractId: string) {
  const open = await tx.contractVersion.findFirst({ where: { contractId, status: { in: ["DRAFT", "PENDING_APPROVAL", "REJECTED"] } }, select: { number: true } });
  if (open) throw new AppError("OPEN_VERSION_EXISTS", `Version ${open.number} of this contract is still in progress: finish or withdraw it first`);
}

async function createVersion(
  tx: Tx,
  ctx: RequestContext,
  contract: Contract,
  data: { kind: "AMENDMENT" | "RENEWAL"; effectiveFrom: IsoDate; basedOnDay: IsoDate; renewsTermTo?: IsoDate; reason: string },
) {
  const term = { start: toIsoDate(contract.termStart), end: toIsoDate(contract.termEnd), terminatedOn: contract.terminatedOn ? toIsoDate(contract.terminatedOn) : null };
  const base = termsInForceOn(await approvedVersions(tx, contract.id), term, data.basedOnDay);
  if (!base) throw new AppError("CONTRACT_NOT_ACTIVE", "No approved terms are in force to start from");
  const last = await tx.contractVersion.aggregate({ where: { contractId: contract.id }, _max: { number: true } });
  const version = await tx.contractVersion.create({
    data: {
      contractId: contract.id,
      number: (last._max.number ?? 0) + 1,
      kind: data.kind,
      effectiveFrom: fromIsoDate(data.effectiveFrom),
      renewsTermTo: data.renewsTermTo ? fromIsoDate(data.renewsTermTo) : null,
      terms: base.terms as object,
      reason: data.reason,
      authorId: ctx.actor.type === "USER" ? ctx.actor.id : null,
    },
  });
  await recordAudit(tx, ctx, {
    action: "contractVersion.created",
    entityId: version.id,
    after: { contract: contract.number, number: version.number, kind: data.kind, effectiveFrom: data.effectiveFrom, renewsTermTo: data.renewsTermTo ?? null, basedOnVersion: base.number, terms: base.terms },
    reason: data.reason,
  });
  return version;
}

export async function proposeAmendment(db: Db, ctx: RequestContext, input: ProposeAmendmentRequest) {
  return db.$transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId);
    if (contract.status !== "ACTIVE") throw new AppError("CONTRACT_NOT_ACTIVE", "Only an active contract can be amended");
    checkEffectiveFrom(input.effectiveFrom, { start: toIsoDate(contract.termStart), end: toIsoDate(contract.termEnd) });
    await assertNoOpenVersion(tx, contract.id);
    await assertNotBeforeApprovedTerms(tx, contract.id, input.effectiveFrom, "effectiveFrom");
    return versionView(
      await createVersion(tx, ctx, contract, { kind: "AMENDMENT", effectiveFrom: input.effectiveFrom, basedOnDay: input.effectiveFrom, reason: input.reason }),
    );
  });
}

/** The renewal of `contract` for its next term: starts the day after the term ends, runs `renewalMonths`. */
export function nextTerm(contract: { termEnd: IsoDate; renewalMonths: number }) {
  const start = addDays(contract.termEnd, 1);
  return { start, end: addDays(addMonths(start, contract.renewalMonths), -1) };
}

export async function proposeRenewal(tx: Tx, ctx: RequestContext, contract: Contract) {
  await assertNoOpenVersion(tx, contract.id);
  const termEnd = toIsoDate(contract.termEnd);
  const next = nextTerm({ termEnd, renewalMonths: contract.renewalMonths });
  return createVersion(tx, ctx, contract, {
    kind: "RENEWAL",
    effectiveFrom: next.start,
    basedOnDay: termEnd,
    renewsTermTo: next.end,
    reason: `Renewal for ${next.start} – ${next.end} (auto-renew, ${contract.renewalMonths} months)`,
  });
}
