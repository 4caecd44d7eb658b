// Caps of a CPA line, per day and per period (calendar month), in conversions or in spend (the advertiser payouts
// of the conversions counted). A conversion is counted when it fits under every cap of its line: the one reaching a
// cap exactly still counts; one that would pass it is OVER_CAP (kept and shown, never billed), while a later, smaller
// one that still fits under a spend cap counts. Conversions are counted in the order they are judged (arrival,
// then time within a batch); a conversion rejected in review afterwards frees no room for those already judged.
import type { CpaLine } from "../contracts/terms";
import { Dec, formatAmount, groupDigits } from "../money";

export interface CapUsage {
  count: number;
  /** Σ payouts of the conversions counted, exact. */
  spend: string;
}

export const NO_USAGE: CapUsage = { count: 0, spend: "0" };

export type CapReasonCode = "OVER_DAILY_CAP" | "OVER_PERIOD_CAP";

export type CapVerdict = { fits: true } | { fits: false; reasonCode: CapReasonCode; reason: string };

type Cap = NonNullable<CpaLine["caps"]["perDay"]>;

function exceeded(cap: Cap | null, used: CapUsage, payout: string, currency: string): string | null {
  if (!cap) return null;
  if (cap.conversions !== null && used.count + 1 > cap.conversions) return `${groupDigits(String(cap.conversions))} conversion${cap.conversions === 1 ? "" : "s"}`;
  if (cap.spend !== null && new Dec(used.spend).plus(payout).greaterThan(cap.spend)) {
    const money = (v: string) => `${groupDigits(formatAmount(v, currency))} ${currency}`;
    return `${money(cap.spend)} (${money(new Dec(used.spend).toFixed())} counted, this one pays ${money(payout)})`;
  }
  return null;
}

/** Whether one more conversion paying `payout` fits under the line's caps, given what its day and period counted. */
export function capVerdict(caps: CpaLine["caps"], used: { day: CapUsage; period: CapUsage }, payout: string, currency: string): CapVerdict {
  const daily = exceeded(caps.perDay, used.day, payout, currency);
  if (daily) return { fits: false, reasonCode: "OVER_DAILY_CAP", reason: `Over the line's daily cap of ${daily}` };
  const period = exceeded(caps.perPeriod, used.period, payout, currency);
  if (period) return { fits: false, reasonCode: "OVER_PERIOD_CAP", reason: `Over the line's monthly cap of ${period}` };
  return { fits: true };
}

export const hasCaps = (line: CpaLine) => line.caps.perDay !== null || line.caps.perPeriod !== null;

export const counted = (used: CapUsage, payout: string): CapUsage => ({ count: used.count + 1, spend: new Dec(used.spend).plus(payout).toFixed() });
