// Late delivery for a month already invoiced: the invoice stays as issued, and the next draft carries the difference
// as one adjustment line per contract line, pointing at the invoice it corrects. The month is priced again with
// today's delivery; the line's CPM, true-up and commission amounts are compared with what was billed for that month
// (its invoice plus adjustments already issued on later invoices), so an adjustment is billed once however many
// drafts follow. A month invoiced again after its invoice was voided deducts the corrections already billed for it
// elsewhere (they stay billed), so its delivery is billed once in all. Pure.
import { CURRENCY_MINOR_UNITS, Dec } from "../money";
import { periodLabel } from "./billing-period";
import type { DraftLine, LineTrace } from "./draft-line";

/** The kinds of line whose amounts follow delivery. */
export const DELIVERY_PRICED_KINDS: readonly string[] = ["CPM", "MINIMUM_TRUE_UP", "AGENCY_COMMISSION"];

type AdjustmentTrace = Extract<LineTrace, { kind: "DELIVERY_ADJUSTMENT" }>;

export interface BilledLine {
  kind: string;
  lineKey: string;
  quantity: string;
  unrounded: string;
  amount: string;
  trace: unknown;
}

export interface InvoicedMonth {
  invoice: { id: string; number: string; period: string };
  /** The issued invoice's lines. */
  lines: readonly BilledLine[];
  /** Adjustment lines for this month on other issued invoices. */
  adjustments: readonly BilledLine[];
}

export const adjustmentKeyPrefix = (period: string) => `adjust:${period}:`;

/** The part of a line partners are paid a share of: a CPM line's exact amount, an adjustment's CPM difference. */
export function cpmRevenueOf(line: { kind: string; unrounded: string; trace: unknown }): Dec | null {
  if (line.kind === "CPM") return new Dec(line.unrounded);
  if (line.kind !== "DELIVERY_ADJUSTMENT") return null;
  const { cpm } = line.trace as AdjustmentTrace;
  return new Dec(cpm.now).minus(cpm.billed);
}

interface Tally {
  amount: Dec;
  impressions: Dec;
  cpm: Dec;
}

const zero = (): Tally => ({ amount: new Dec(0), impressions: new Dec(0), cpm: new Dec(0) });

function tallyByLine(lines: readonly { kind: string; lineKey: string; quantity: string; unrounded: string; amount: string }[]) {
  const byLine = new Map<string, Tally>();
  for (const l of lines) {
    if (!DELIVERY_PRICED_KINDS.includes(l.kind)) continue;
    const t = byLine.get(l.lineKey) ?? zero();
    t.amount = t.amount.plus(l.amount);
    if (l.kind === "CPM") {
      t.impressions = t.impressions.plus(l.quantity);
      t.cpm = t.cpm.plus(l.unrounded);
    }
    byLine.set(l.lineKey, t);
  }
  return byLine;
}

/** What an issued adjustment added to its line's tally for the month: its amount, impressions and CPM part. */
function addAdjustment(tally: Tally, adjustment: BilledLine): Tally {
  const t = adjustment.trace as AdjustmentTrace;
  tally.amount = tally.amount.plus(adjustment.amount);
  tally.impressions = tally.impressions.plus(t.impressions.now).minus(t.impressions.billed);
  tally.cpm = tally.cpm.plus(t.cpm.now).minus(t.cpm.billed);
  return tally;
}

/** The adjustment lines for one invoiced month, given that month priced again today (`repriced`). */
export function deliveryAdjustments(month: InvoicedMonth, repriced: readonly DraftLine[], currency: string): DraftLine[] {
  const billed = tallyByLine(month.lines);
  for (const a of month.adjustments) {
    const { corrects } = a.trace as AdjustmentTrace;
    billed.set(corrects.lineKey, addAdjustment(billed.get(corrects.lineKey) ?? zero(), a));
  }
  const now = tallyByLine(repriced);
  const digits = CURRENCY_MINOR_UNITS[currency];
  const lineKeys = [...new Set([...billed.keys(), ...now.keys()])].sort();
  const lines: DraftLine[] = [];
  for (const lineKey of lineKeys) {
    const [was, is] = [billed.get(lineKey) ?? zero(), now.get(lineKey) ?? zero()];
    const difference = is.amount.minus(was.amount);
    if (difference.isZero()) continue;
    const trace: AdjustmentTrace = {
      kind: "DELIVERY_ADJUSTMENT",
      corrects: { invoiceId: month.invoice.id, invoiceNumber: month.invoice.number, period: month.invoice.period, lineKey },
      impressions: { billed: was.impressions.toNumber(), now: is.impressions.toNumber() },
      billed: was.amount.toFixed(digits),
      now: is.amount.toFixed(digits),
      cpm: { billed: was.cpm.toFixed(), now: is.cpm.toFixed() },
    };
    lines.push({
      key: `${adjustmentKeyPrefix(month.invoice.period)}${lineKey}`,
      kind: "DELIVERY_ADJUSTMENT",
      lineKey,
      description: `Delivery correction — ${lineKey}, ${periodLabel(month.invoice.period)} (${month.invoice.number})`,
      quantity: is.impressions.minus(was.impressions).toFixed(),
      // Both sides are rounded amounts: the difference needs no rounding of its own.
      unrounded: difference.toFixed(),
      amount: difference.toFixed(digits),
      trace,
    });
  }
  return lines;
}

/** An issued delivery correction for a month, on another invoice. */
export type BilledAdjustment = BilledLine & { invoiceNumber: string };

/**
 * A month invoiced again after its invoice was voided, with delivery corrections for it already billed on later
 * invoices: one line per contract line deducting what they added (amount, impressions and CPM part), so the month's
 * delivery is billed once in all. Later corrections of the new invoice count these lines with the ones they deduct.
 */
export function correctionsBilledElsewhere(period: string, adjustments: readonly BilledAdjustment[], currency: string): DraftLine[] {
  const digits = CURRENCY_MINOR_UNITS[currency];
  const byLine = new Map<string, { tally: Tally; last: AdjustmentTrace["corrects"]; numbers: Set<string> }>();
  for (const a of adjustments) {
    const { corrects } = a.trace as AdjustmentTrace;
    const entry = byLine.get(corrects.lineKey) ?? { tally: zero(), last: corrects, numbers: new Set<string>() };
    addAdjustment(entry.tally, a);
    entry.numbers.add(a.invoiceNumber);
    byLine.set(corrects.lineKey, entry);
  }
  return [...byLine]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([lineKey, { tally, last, numbers }]): DraftLine[] => {
      if (tally.amount.isZero() && tally.cpm.isZero()) return [];
      const invoiceNumbers = [...numbers].sort();
      const trace: AdjustmentTrace = {
        kind: "DELIVERY_ADJUSTMENT",
        corrects: { ...last, lineKey },
        impressions: { billed: tally.impressions.toNumber(), now: 0 },
        billed: tally.amount.toFixed(digits),
        now: new Dec(0).toFixed(digits),
        cpm: { billed: tally.cpm.toFixed(), now: "0" },
        deducts: { invoiceNumbers },
      };
      return [
        {
          key: `${adjustmentKeyPrefix(period)}${lineKey}`,
          kind: "DELIVERY_ADJUSTMENT",
          lineKey,
          description: `Delivery corrections for ${lineKey}, ${periodLabel(period)}, already billed on ${invoiceNumbers.join(", ")}`,
          quantity: tally.impressions.negated().toFixed(),
          unrounded: tally.amount.negated().toFixed(),
          amount: tally.amount.negated().toFixed(digits),
          trace,
        },
      ];
    });
}
