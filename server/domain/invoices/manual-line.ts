// Finance's own lines on a draft (a goodwill discount, a set-up fee agreed by email): an amount entered by hand,
// with the reason, kept when the draft is priced again and flagged for review. Pure.
import { z } from "zod";
import type { DraftLine } from "../billing/draft-line";
import { CURRENCY_MINOR_UNITS, Dec, ZDecimal } from "../money";

export const ZManualLineFields = z.object({
  description: z.string().trim().min(3, "Describe the line (at least 3 characters)").max(200, "At most 200 characters"),
  amount: ZDecimal.refine((v) => !new Dec(v).isZero(), { message: "Must not be zero (negative for a discount)" }),
  reason: z.string().trim().min(5, "Say why it is added by hand (at least 5 characters)").max(500, "At most 500 characters"),
});
export type ManualLineFields = z.infer<typeof ZManualLineFields>;

export function manualLine(fields: ManualLineFields, currency: string, by: { id: string; addedBy: string; addedAt: Date }): DraftLine {
  const amount = new Dec(fields.amount).toFixed(CURRENCY_MINOR_UNITS[currency]);
  return {
    key: `manual:${by.id}`,
    kind: "MANUAL",
    lineKey: "manual",
    description: fields.description,
    quantity: "1",
    unrounded: new Dec(fields.amount).toFixed(),
    amount,
    trace: { kind: "MANUAL", reason: fields.reason, addedBy: by.addedBy, addedAt: by.addedAt.toISOString() },
  };
}
