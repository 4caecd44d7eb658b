// FINANCE ends an active contract early: the terms stay in force up to and including the termination date.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { fromIsoDate, toIsoDate } from "../../domain/contracts/dates";
import { ZIsoDate } from "../../domain/contracts/terms";
import { transitionContract } from "../../domain/contracts/version-lifecycle";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { lockContract } from "./contract-guards";
import { contractView } from "./contract-views";

export const ZTerminateContractRequestSchema = z.object({
  contractId: z.string().uuid(),
  terminatedOn: ZIsoDate,
  reason: z.string().trim().min(3, "Give the reason for terminating").max(1000),
});

export async function terminateContract(db: Db, ctx: RequestContext, input: z.infer<typeof ZTerminateContractRequestSchema>) {
  return db.$transaction(async (tx) => {
    const contract = await lockContract(tx, input.contractId);
    const next = transitionContract(contract.status, { type: "TERMINATE" });
    if (!next.ok) throw new AppError(next.code, "Only an active contract can be terminated");
    const start = toIsoDate(contract.termStart);
    const end = toIsoDate(contract.termEnd);
    if (input.terminatedOn < start || input.terminatedOn > end) {
      throw new AppError("EFFECTIVE_DATE_INVALID", "The termination date must fall inside the term", { fieldErrors: { terminatedOn: [`Choose a date between ${start} and ${end}`] } });
    }
    const updated = await tx.contract.update({
      where: { id: contract.id },
      data: { status: next.next, terminatedOn: fromIsoDate(input.terminatedOn), terminationReason: input.reason },
    });
    // An unfinished amendment or renewal (draft or pending) of a terminated contract can never apply: close it as
    // rejected, and name it in the audit entry, which is the record of why it closed.
    const unfinished = await tx.contractVersion.findMany({ where: { contractId: contract.id, status: { in: ["DRAFT", "PENDING_APPROVAL"] } }, select: { id: true } });
    const closedVersionIds = unfinished.map((v) => v.id);
    await tx.contractVersion.updateMany({ where: { id: { in: closedVersionIds } }, data: { status: "REJECTED", decidedAt: new Date() } });
    await recordAudit(tx, ctx, {
      action: "contract.terminated",
      entityId: contract.id,
      before: { status: contract.status },
      after: { status: next.next, terminatedOn: input.terminatedOn, closedVersionIds },
      reason: input.reason,
    });
    return contractView(updated);
  });
}
