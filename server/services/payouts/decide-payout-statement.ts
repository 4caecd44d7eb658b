// Finance approves a drafted payout statement, then records it paid with the payment's reference. Each move goes
// through the state machine (domain/payouts/payout-statement.ts) under a row lock, audited in the same transaction:
// two finance people approving at once end with one approval and one clear refusal.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { payoutTransition, type PayoutTransition } from "../../domain/payouts/payout-statement";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";

export const ZApprovePayoutStatementRequestSchema = z.object({ id: z.string().uuid("Not a statement id") });
export const ZMarkPayoutStatementPaidRequestSchema = z.object({
  id: z.string().uuid("Not a statement id"),
  reference: z.string().trim().min(3, "Give the payment's reference (at least 3 characters)").max(120, "At most 120 characters"),
  paidOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-12-01").optional(),
});

async function transition(db: Db, ctx: RequestContext, id: string, move: PayoutTransition, data: (now: Date) => object) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Payout statements are approved and paid by people");
  const actorId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ status: "DRAFT" | "APPROVED" | "PAID" }[]>`SELECT status FROM payout_statement WHERE id = ${id}::uuid FOR UPDATE`;
    if (!locked) throw notFound("Payout statement not found");
    const outcome = payoutTransition(locked.status, move);
    if (!outcome.ok) throw new AppError("PAYOUT_STATEMENT_NOT_ALLOWED", outcome.message);
    const now = new Date();
    const statement = await tx.payoutStatement.update({
      where: { id },
      data: { status: outcome.to, ...(move === "APPROVE" ? { approvedById: actorId, approvedAt: now } : { paidById: actorId }), ...data(now) },
      select: { id: true, status: true, period: true, currency: true, total: true, approvedAt: true, paidAt: true, paidReference: true },
    });
    await recordAudit(tx, ctx, {
      action: move === "APPROVE" ? "payoutStatement.approved" : "payoutStatement.paid",
      entityId: id,
      before: { status: locked.status },
      after: { status: statement.status, total: statement.total.toFixed(), paidReference: statement.paidReference },
    });
    return { ...statement, total: statement.total.toFixed() };
  });
}

export const approvePayoutStatement = (db: Db, ctx: RequestContext, input: z.infer<typeof ZApprovePayoutStatementRequestSchema>) => transition(db, ctx, input.id, "APPROVE", () => ({}));

export const markPayoutStatementPaid = (db: Db, ctx: RequestContext, input: z.infer<typeof ZMarkPayoutStatementPaidRequestSchema>) =>
  transition(db, ctx, input.id, "MARK_PAID", (now) => ({ paidReference: input.reference, paidAt: input.paidOn ? new Date(`${input.paidOn}T00:00:00Z`) : now }));
