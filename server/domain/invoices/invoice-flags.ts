// What finance should look at before issuing a draft: a total far from last period's, no delivery on a contract
// with CPM lines, the pricing's own flags (discrepancies, caps and budgets reached, missing prices, conversions
// whose line is gone), manual lines, and late data billed for earlier invoiced months. Pure; the draft keeps them as
// { kind, message } for the review list.
import type { DraftFlag, DraftLine } from "../billing/draft-line";
import { describeFlag } from "../billing/explain-line";
import { Dec, formatAmount, groupDigits } from "../money";

export type InvoiceFlagKind = "TOTAL_CHANGED" | "ZERO_DELIVERY" | "DISCREPANCY" | "CAPPED" | "MISSING_PRICE" | "CPA_LINE_NOT_IN_FORCE" | "MANUAL_LINE" | "DELIVERY_ADJUSTED" | "LATE_CONVERSIONS";

export interface InvoiceFlag {
  kind: InvoiceFlagKind;
  message: string;
}

/** Above this change from the previous period's total (percent), a draft is flagged. */
export const TOTAL_CHANGE_THRESHOLD_PERCENT = 30;

const KIND_OF: Record<DraftFlag["kind"], InvoiceFlagKind> = {
  DISCREPANCY: "DISCREPANCY",
  PERIOD_CAP_REACHED: "CAPPED",
  LIFETIME_BUDGET_REACHED: "CAPPED",
  MISSING_PRICE: "MISSING_PRICE",
  CPA_LINE_NOT_IN_FORCE: "CPA_LINE_NOT_IN_FORCE",
};

export function invoiceFlags(input: { lines: readonly DraftLine[]; total: string; flags: readonly DraftFlag[]; currency: string; hasCpmLines: boolean; previousTotal: string | null }): InvoiceFlag[] {
  const money = (v: Dec) => `${groupDigits(formatAmount(v.toFixed(), input.currency))} ${input.currency}`;
  const flags: InvoiceFlag[] = [];
  if (input.previousTotal !== null && !new Dec(input.previousTotal).isZero()) {
    const [before, now] = [new Dec(input.previousTotal), new Dec(input.total)];
    const change = now.minus(before).abs().times(100);
    // Compared without dividing: |now − before| × 100 > threshold × |before|.
    if (change.greaterThan(before.abs().times(TOTAL_CHANGE_THRESHOLD_PERCENT))) {
      const percent = change.div(before.abs()).toDecimalPlaces(0, Dec.ROUND_DOWN).toFixed();
      flags.push({ kind: "TOTAL_CHANGED", message: `Total ${money(now)} is ${percent} % ${now.greaterThan(before) ? "above" : "below"} last period's ${money(before)}` });
    }
  }
  const impressions = input.lines.filter((l) => l.kind === "CPM").reduce((sum, l) => sum + Number(l.quantity), 0);
  if (input.hasCpmLines && impressions === 0) flags.push({ kind: "ZERO_DELIVERY", message: "No billable impressions on any CPM line this period" });
  for (const f of input.flags) flags.push({ kind: KIND_OF[f.kind], message: describeFlag(f, input.currency) });
  for (const l of input.lines) {
    if (l.trace.kind === "MANUAL") flags.push({ kind: "MANUAL_LINE", message: `Manual line “${l.description}” (${money(new Dec(l.amount))}) added by ${l.trace.addedBy}: ${l.trace.reason}` });
    if (l.trace.kind === "DELIVERY_ADJUSTMENT") {
      const c = l.trace.corrects;
      const { deducts } = l.trace;
      flags.push({
        kind: "DELIVERY_ADJUSTED",
        message: deducts
          ? `Corrections of line “${c.lineKey}” in ${c.period} billed on ${deducts.invoiceNumbers.join(", ")} against the voided ${c.invoiceNumber}: ${money(new Dec(l.amount).abs())} deducted`
          : `Delivery of line “${c.lineKey}” in ${c.period} changed after ${c.invoiceNumber} was drafted: ${money(new Dec(l.amount))} adjustment`,
      });
    }
    // Once per conversion: a tiered line's late conversions are counted on its tier line, not again on its share of value.
    if ((l.trace.kind === "CPA_TIER" || (l.trace.kind === "CPA" && !l.trace.tiered)) && l.trace.corrects) {
      const c = l.trace.corrects;
      flags.push({ kind: "LATE_CONVERSIONS", message: `${l.quantity} conversion${l.quantity === "1" ? "" : "s"} of ${c.period} on line “${l.lineKey}” approved after ${c.invoiceNumber} was issued: ${money(new Dec(l.amount))} billed here` });
    }
  }
  return flags;
}
