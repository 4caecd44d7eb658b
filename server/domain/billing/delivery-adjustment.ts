// Late delivery for a month already invoiced: the invoice stays as issued, and the next draft carries the difference
// as one adjustment line per contract line, pointing at the invoice it corrects. The month is priced again with
// today's delivery; the line's CPM, true-up and commission amounts are compared with what was billed for that month
// (its invoice plus adjustments already issued on later invoices), so an adjustment is billed once however many
// drafts follow. Pure.
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

/** The adjustment lines for one invoiced month, given that month priced again today (`repriced`). */
export function deliveryAdjustments(month: InvoicedMonth, repriced: readonly DraftLine[], currency: string): DraftLine[] {
  const billed = tallyByLine(month.lines);
  for (const a of month.adjustments) {
    const t = a.trace as AdjustmentTrace;
    const entry = billed.get(t.corrects.lineKey) ?? zero();
    entry.amount = entry.amount.plus(a.amount);
    entry.impressions = entry.impressions.plus(t.impressions.now).minus(t.impressions.billed);
    entry.cpm = entry.cpm.plus(t.cpm.now).minus(t.cpm.billed);
    billed.set(t.corrects.lineKey, entry);
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
