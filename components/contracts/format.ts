// Display helpers for contract pages. Money and rates stay decimal strings end to end: they are formatted with
// string operations and decimal.js, never through a JavaScript number.
import { CURRENCY_MINOR_UNITS, Dec, formatAmount, groupDigits as group } from "@/server/domain/money";

/** "125000" in USD → "125,000.00 USD": rounded to the currency's minor unit, as an invoice would show it. */
export function formatMoney(value: string, currency: string): string {
  return `${group(formatAmount(value, currency))} ${currency}`;
}

/** A rate or unit price keeps every decimal it was agreed with, padded to at least the currency's minor unit. */
export function formatRate(value: string, currency: string): string {
  const rate = new Dec(value);
  return `${group(rate.toFixed(Math.max(CURRENCY_MINOR_UNITS[currency] ?? 2, rate.decimalPlaces())))} ${currency}`;
}

/** "1000000" → "1,000,000" for counts such as tier bounds. */
export function formatQuantity(value: string): string {
  return group(new Dec(value).toFixed());
}

export const formatPercent = (value: string) => `${new Dec(value).toFixed()} %`;

export const VERSION_KIND_LABELS = { ORIGINAL: "Original", AMENDMENT: "Amendment", RENEWAL: "Renewal" } as const;

export const FREQUENCY_LABELS = { MONTHLY: "Monthly", ONE_OFF: "One-off" } as const;

export const BILLABLE_SOURCE_LABELS = {
  FIRST_PARTY: "First-party ad server count",
  THIRD_PARTY: "Third-party verified count",
  LOWER_OF_BOTH: "Lower of the two counts",
} as const;

export const COMMITMENT_PERIOD_LABELS = { MONTHLY: "per month", QUARTERLY: "per quarter", TERM: "over the term" } as const;

export const PAYOUT_KIND_LABELS = {
  FLAT_PER_CONVERSION: "Flat per conversion",
  REVENUE_SHARE: "Share of revenue",
  CPM_SHARE: "Share of CPM revenue",
} as const;

/** "C-2026-0001 v2" style reference to a version. */
export const versionLabel = (number: number) => `v${number}`;

export const isZero = (value: string) => new Dec(value).isZero();
