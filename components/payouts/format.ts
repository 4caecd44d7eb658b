// Display helpers for payout pages. Margins are computed from the exact decimal strings, never through a number.
import { Dec } from "@/server/domain/money";

/** What the platform keeps: revenue earned minus what the partner is paid. */
export const marginOf = (revenue: string, payouts: string) => new Dec(revenue).minus(payouts).toFixed();

/** A margin below zero: the partner was paid more than the revenue it earned on. */
export const isLoss = (margin: string) => new Dec(margin).lessThan(0);

/** Margin as a share of revenue, one decimal: "18.4 %"; nothing when there was no revenue to share. */
export function marginShare(revenue: string, payouts: string): string | null {
  const r = new Dec(revenue);
  return r.isZero() ? null : `${r.minus(payouts).dividedBy(r).times(100).toFixed(1)} %`;
}

export const PAYOUT_LINE_KIND_LABELS: Record<string, string> = {
  FLAT_PER_CONVERSION: "Flat per conversion",
  REVENUE_SHARE: "Revenue share",
  CPM_SHARE: "CPM share",
  REVERSAL: "Reversal",
};

const dayFormatter = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A day such as a payment date, read in UTC like every back-office date. */
export const formatDay = (date: Date) => dayFormatter.format(date);
