// OPS approves or rejects eligible conversions, one or many at a time (the review queue's bulk actions). All or
// nothing: the rows are locked, every one must be visible, eligible and unbilled, and each decision is audited.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { REJECTION_REASONS, reviewOutcome, type RejectionReason } from "../../domain/conversions/review";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { conversionWhere } from "./conversion-queries";

export const ZReviewConversionsRequestSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("APPROVE"), ids: z.array(z.string().uuid()).min(1, "Choose at least one conversion").max(500) }),
  z.object({
    decision: z.literal("REJECT"),
    ids: z.array(z.string().uuid()).min(1, "Choose at least one conversion").max(500),
    reason: z.enum(Object.keys(REJECTION_REASONS) as [RejectionReason, ...RejectionReason[]], { error: "Choose a reason: fraud, duplicate, returned order or test" }),
  }),
]);

const REFUSAL_MESSAGES = {
  NOT_ELIGIBLE: "is not eligible, so it is not reviewed",
  LOCKED_BILLED: "is already billed and locked; a correction is a reversal",
} as const;

export async function reviewConversions(db: Db, ctx: RequestContext, input: z.infer<typeof ZReviewConversionsRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Conversions are reviewed by people");
  const reviewerId = ctx.actor.id;
  const ids = [...new Set(input.ids)];
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM conversion WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    const rows = await tx.conversion.findMany({ where: conversionWhere(ctx.actor, { id: { in: ids } }) });
    if (rows.length !== ids.length) throw notFound("Conversion not found");
    const now = new Date();
    for (const row of rows) {
      const outcome = reviewOutcome(row, input.decision === "APPROVE" ? { decision: "APPROVE" } : { decision: "REJECT", reason: input.reason });
      if (!outcome.ok) throw new AppError("CONFLICT", `Conversion ${row.externalId} ${REFUSAL_MESSAGES[outcome.refusal]}`);
      await tx.conversion.update({ where: { id: row.id }, data: { review: outcome.review, reviewReason: outcome.reviewReason, reviewedById: reviewerId, reviewedAt: now } });
      await recordAudit(tx, ctx, {
        action: "conversion.reviewed",
        entityId: row.id,
        before: { review: row.review, reviewReason: row.reviewReason },
        after: { review: outcome.review, reviewReason: outcome.reviewReason },
      });
    }
    return { reviewed: rows.length };
  }, { timeout: 60_000 });
}
