// FINANCE approves or rejects a pending version. The version row is locked, so parallel decisions queue and each
// sees the others: one recorded decision per approver per submission round, one transition. Approval of the
// first version activates the contract; approval of a renewal extends its term.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { addDays, fromIsoDate, toIsoDate } from "../../domain/contracts/dates";
import { ZIsoDate } from "../../domain/contracts/terms";
import { transitionContract } from "../../domain/contracts/version-lifecycle";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertNotBeforeApprovedTerms, lockContract, lockVersion, nextVersionStatus, notifyUsers } from "./contract-guards";
import { versionView } from "./contract-views";

export const ZDecideVersionRequestSchema = z
  .object({
    versionId: z.string().uuid(),
    decision: z.enum(["APPROVE", "REJECT"]),
    comment: z.string().trim().max(2000).optional(),
    /** Finance may move an amendment's effective date earlier when approving, with a reason. */
    backdateTo: ZIsoDate.optional(),
    backdateReason: z.string().trim().max(500).optional(),
  })
  .refine((d) => d.decision !== "REJECT" || (d.comment && d.comment.length > 0), { path: ["comment"], message: "Say why it is rejected: the author will see this" })
  .refine((d) => !d.backdateTo || (d.backdateReason && d.backdateReason.length > 0), { path: ["backdateReason"], message: "A backdated amendment needs a reason" });
export type DecideVersionRequest = z.infer<typeof ZDecideVersionRequestSchema>;

export async function decideVersion(db: Db, ctx: RequestContext, input: DecideVersionRequest) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Approvals are made by people");
  const approverId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    const contract = version.contract;
    const approvedBy = (
      await tx.contractApproval.findMany({ where: { versionId: version.id, round: version.submissionRound, decision: "APPROVE" }, select: { approverId: true } })
    ).map((a) => a.approverId);
    const authorId = version.authorId ?? "";
    const status =
      input.decision === "APPROVE"
        ? nextVersionStatus(version.status, { type: "APPROVE", approverId, authorId, approvedBy, requiredApprovals: version.requiredApprovals })
        : nextVersionStatus(version.status, { type: "REJECT", approverId, authorId });

    let effectiveFrom = version.effectiveFrom;
    if (input.backdateTo) {
      const backdateTo = input.backdateTo;
      if (input.decision !== "APPROVE" || version.kind !== "AMENDMENT") throw new AppError("EFFECTIVE_DATE_INVALID", "Only an amendment can be backdated, when approving it", { fieldErrors: { backdateTo: ["Not applicable here"] } });
      if (backdateTo >= toIsoDate(version.effectiveFrom) || backdateTo < toIsoDate(contract.termStart)) {
        throw new AppError("EFFECTIVE_DATE_INVALID", "A backdate must be earlier than the proposed date and inside the term", { fieldErrors: { backdateTo: [`Between ${toIsoDate(contract.termStart)} and ${addDays(toIsoDate(version.effectiveFrom), -1)}`] } });
      }
      await assertNotBeforeApprovedTerms(tx, contract.id, backdateTo, "backdateTo");
      effectiveFrom = fromIsoDate(backdateTo);
    }

    await tx.contractApproval.create({ data: { versionId: version.id, round: version.submissionRound, approverId, decision: input.decision, comment: input.comment ?? null } });
    await recordAudit(tx, ctx, {
      action: "contractVersion.approvalRecorded",
      entityId: version.id,
      after: { decision: input.decision, round: version.submissionRound, approvals: approvedBy.length + (input.decision === "APPROVE" ? 1 : 0), required: version.requiredApprovals },
      reason: input.comment ?? null,
    });
    if (status === version.status) return versionView(version);

    const updated = await tx.contractVersion.update({
      where: { id: version.id },
      data: { status, decidedAt: new Date(), effectiveFrom, backdateReason: input.backdateTo ? input.backdateReason : null },
    });
    await recordAudit(tx, ctx, {
      action: status === "APPROVED" ? "contractVersion.approved" : "contractVersion.rejected",
      entityId: version.id,
      before: { status: version.status, effectiveFrom: toIsoDate(version.effectiveFrom) },
      after: { status, effectiveFrom: toIsoDate(effectiveFrom) },
      reason: input.backdateTo ? `Backdated: ${input.backdateReason}` : (input.comment ?? null),
    });
    if (status === "APPROVED") await applyApproval(tx, ctx, { ...version, effectiveFrom });
    if (version.authorId) {
      await notifyUsers(tx, [version.authorId], {
        kind: status === "APPROVED" ? "VERSION_APPROVED" : "VERSION_REJECTED",
        title: `${contract.number} v${version.number} was ${status === "APPROVED" ? "approved" : "rejected"}`,
        body: input.comment ? `${ctx.actor.label}: “${input.comment}”` : `Decided by ${ctx.actor.label}.`,
        link: `/contracts/${contract.id}/versions/${version.id}`,
      });
    }
    return versionView(updated);
  });
}

/** What an approval does to the contract: activate it (first version), extend its term (renewal). */
async function applyApproval(tx: Tx, ctx: RequestContext, version: Awaited<ReturnType<typeof lockVersion>>) {
  if (version.kind === "AMENDMENT") return;
  // Re-read under lock: a termination may have committed since the version was read.
  const contract = await lockContract(tx, version.contractId);
  const next = transitionContract(contract.status, { type: version.kind === "ORIGINAL" ? "FIRST_VERSION_APPROVED" : "RENEWAL_APPROVED" });
  if (!next.ok) throw new AppError(next.code);
  if (version.kind === "ORIGINAL") {
    await tx.contract.update({ where: { id: contract.id }, data: { status: next.next } });
    await recordAudit(tx, ctx, { action: "contract.activated", entityId: contract.id, before: { status: contract.status }, after: { status: next.next } });
    return;
  }
  const termEnd = version.renewsTermTo!;
  await tx.contract.update({ where: { id: contract.id }, data: { termEnd, status: next.next } });
  await recordAudit(tx, ctx, {
    action: "contract.renewed",
    entityId: contract.id,
    before: { termEnd: toIsoDate(contract.termEnd), status: contract.status },
    after: { termEnd: toIsoDate(termEnd), status: next.next },
  });
}
