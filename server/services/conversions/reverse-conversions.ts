// A billed conversion taken back — a returned order, a chargeback — is reversed, never edited: it stays billed where
// it was billed, and the next drafts credit back exactly what it was billed (domain/billing/cpa-period.ts, rule 5)
// and charge its partner back (domain/payouts/partner-payouts.ts, rule 6). Feeds reverse their own conversions by
// external id; staff by id. A conversion outside the caller's scope is not found, exactly like one that does not
// exist. Reversing again is a no-op (so a retried request is harmless); an unbilled conversion is rejected in
// review instead.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { conversionWhere } from "./conversion-queries";

export const REVERSAL_REASONS = { RETURNED_ORDER: "Returned order", CHARGEBACK: "Chargeback", CANCELLED: "Cancelled order", FRAUD: "Fraud found after billing" } as const;
type ReversalReason = keyof typeof REVERSAL_REASONS;

export const ZReverseConversionsRequestSchema = z
  .object({
    ids: z.array(z.string().uuid("Not a conversion id")).min(1).max(500).optional(),
    externalIds: z.array(z.string().trim().min(1).max(100)).min(1).max(500).optional().describe("The feed's ids (per advertiser)"),
    reason: z.enum(Object.keys(REVERSAL_REASONS) as [ReversalReason, ...ReversalReason[]], { error: "Choose a reason: RETURNED_ORDER, CHARGEBACK, CANCELLED or FRAUD" }),
  })
  .refine((r) => (r.ids === undefined) !== (r.externalIds === undefined), { message: "Name the conversions by ids or by externalIds (one of the two)", path: ["ids"] });

export const ZReverseConversionsResponseSchema = z.object({ reversed: z.number().int(), alreadyReversed: z.number().int() });

export async function reverseConversions(db: Db, ctx: RequestContext, input: z.infer<typeof ZReverseConversionsRequestSchema>) {
  const byId = input.ids !== undefined;
  const wanted = [...new Set(input.ids ?? input.externalIds ?? [])];
  // An external id is unique per advertiser only, so only a caller bound to one advertiser may name conversions by it.
  if (!byId && ctx.actor.advertiserId === null) throw new AppError("VALIDATION_FAILED", "Name conversions by id", { fieldErrors: { externalIds: ["Only an advertiser's feed or users name conversions by external id"] } });
  return db.$transaction(async (tx) => {
    const rows = await tx.conversion.findMany({
      where: conversionWhere(ctx.actor, byId ? { id: { in: wanted } } : { externalId: { in: wanted } }),
      select: { id: true, externalId: true },
    });
    const found = new Set(rows.map((r) => (byId ? r.id : r.externalId)));
    const missing = wanted.find((w) => !found.has(w));
    if (missing) throw notFound(`Conversion ${missing} not found`);
    const locked = await lockForReversal(tx, rows.map((r) => r.id));
    const notBilled = locked.find((c) => c.billed_at === null);
    if (notBilled) throw new AppError("CONVERSION_NOT_REVERSIBLE", `Conversion ${notBilled.external_id} is not billed yet: reject it in review instead`);
    const toReverse = locked.filter((c) => c.reversed_at === null);
    const now = new Date();
    for (const c of toReverse) {
      await tx.conversion.update({ where: { id: c.id }, data: { reversedAt: now, reversalReason: REVERSAL_REASONS[input.reason], reversedById: ctx.actor.type === "USER" ? ctx.actor.id : null } });
      await recordAudit(tx, ctx, { action: "conversion.reversed", entityId: c.id, before: { reversedAt: null }, after: { reversedAt: now.toISOString(), reason: REVERSAL_REASONS[input.reason] } });
    }
    return { reversed: toReverse.length, alreadyReversed: locked.length - toReverse.length };
  });
}

function lockForReversal(tx: Tx, ids: string[]) {
  return tx.$queryRaw<{ id: string; external_id: string; billed_at: Date | null; reversed_at: Date | null }[]>`
    SELECT id, external_id, billed_at, reversed_at FROM conversion WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
}
