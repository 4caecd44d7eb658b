// OPS submits a draft for approval (or withdraws a pending one). Submission fixes the committed value and
// with it how many distinct finance approvals the version needs, and tells finance it is waiting.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { committedValue } from "../../domain/contracts/committed-value";
import { toIsoDate } from "../../domain/contracts/dates";
import { ZContractTerms } from "../../domain/contracts/terms";
import { formatAmount } from "../../domain/money";
import { env } from "../../env";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { financeUserIds, lockVersion, nextVersionStatus, notifyUsers } from "./contract-guards";
import { versionView } from "./contract-views";
import { staleError } from "./edit-version";

export const ZSubmitVersionRequestSchema = z.object({ versionId: z.string().uuid(), revision: z.number().int().positive() });

const KIND_LABEL = { ORIGINAL: "New contract", AMENDMENT: "Amendment", RENEWAL: "Renewal" } as const;

export async function submitVersion(db: Db, ctx: RequestContext, input: z.infer<typeof ZSubmitVersionRequestSchema>) {
  return db.$transaction(async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    const status = nextVersionStatus(version.status, { type: "SUBMIT" });
    if (version.revision !== input.revision) throw await staleError(tx, version, input.revision);
    const contract = version.contract;
    // Termination is final: a version closed by it may be revised, but never goes to approval again.
    if (contract.status === "TERMINATED") throw new AppError("CONTRACT_NOT_ACTIVE", "The contract is terminated: its versions can no longer be submitted");
    const term = { start: toIsoDate(version.effectiveFrom), end: toIsoDate(version.renewsTermTo ?? contract.termEnd) };
    const value = committedValue(ZContractTerms.parse(version.terms), term);
    const requiredApprovals = value.greaterThan(env.TALLY_DUAL_APPROVAL_THRESHOLD) ? 2 : 1;
    const updated = await tx.contractVersion.update({
      where: { id: version.id },
      data: { status, committedValue: value.toDecimalPlaces(6).toString(), requiredApprovals, submissionRound: { increment: 1 }, submittedAt: new Date() },
    });
    await recordAudit(tx, ctx, {
      action: "contractVersion.submitted",
      entityId: version.id,
      before: { status: version.status },
      after: { status, committedValue: updated.committedValue?.toString(), requiredApprovals, round: updated.submissionRound },
    });
    await notifyUsers(tx, await financeUserIds(tx, version.authorId), {
      kind: "APPROVAL_REQUESTED",
      title: `${KIND_LABEL[version.kind]} ${contract.number} v${version.number} awaits approval`,
      body: `${contract.title}: committed value ${formatAmount(value, contract.currency)} ${contract.currency}${requiredApprovals === 2 ? " (needs two approvers)" : ""}.`,
      link: `/contracts/${contract.id}/versions/${version.id}`,
    });
    return versionView(updated);
  });
}

export async function withdrawVersion(db: Db, ctx: RequestContext, input: { versionId: string }) {
  return db.$transaction(async (tx) => {
    const version = await lockVersion(tx, input.versionId);
    const status = nextVersionStatus(version.status, { type: "WITHDRAW" });
    const updated = await tx.contractVersion.update({ where: { id: version.id }, data: { status, revision: { increment: 1 } } });
    await recordAudit(tx, ctx, { action: "contractVersion.withdrawn", entityId: version.id, before: { status: version.status }, after: { status } });
    return versionView(updated);
  });
}
