// Receivables aging: what advertisers still owe, per currency, by how many days it is past due on a given day.
// The classic finance buckets; amounts stay exact decimals (currencies are never mixed: they cannot be summed).
import { daysInclusive } from "../contracts/dates";
import type { IsoDate } from "../contracts/terms";
import { Dec } from "../money";

/** In order; a bucket holds what is at most `upToDays` days late (inclusive), the last has no bound. */
export const AGING_BUCKETS = [
  { key: "NOT_DUE", label: "Not yet due", upToDays: 0 },
  { key: "DAYS_1_30", label: "1–30 days", upToDays: 30 },
  { key: "DAYS_31_60", label: "31–60 days", upToDays: 60 },
  { key: "DAYS_61_90", label: "61–90 days", upToDays: 90 },
  { key: "OVER_90", label: "Over 90 days", upToDays: null },
] as const;

export type AgingBucketKey = (typeof AGING_BUCKETS)[number]["key"];

/** Days late on `asOf`: 0 on the due date itself (still on time), negative before it. */
export const daysPastDue = (dueDate: IsoDate, asOf: IsoDate): number => daysInclusive(dueDate, asOf) - 1;

export function agingBucketOf(daysLate: number): AgingBucketKey {
  return AGING_BUCKETS.find((b) => b.upToDays === null || daysLate <= b.upToDays)!.key;
}

export interface OpenReceivable {
  currency: string;
  dueDate: IsoDate;
  /** What is still owed; for a group of invoices due the same day, their sum. */
  balanceDue: string;
  /** How many invoices it stands for (a database aggregate groups them by due date); 1 when omitted. */
  invoices?: number;
}

export interface AgingAmount {
  amount: string;
  invoices: number;
}

export interface CurrencyAging {
  currency: string;
  /** Every bucket, in AGING_BUCKETS order, empty ones included so charts keep their axis. */
  buckets: (AgingAmount & { key: AgingBucketKey; label: string })[];
  total: AgingAmount;
  /** Everything past its due date: all buckets but "Not yet due". */
  overdue: AgingAmount;
}

/** Largest book first (ties by currency code), so a view showing one currency starts with the one that matters most. */
export function ageReceivables(receivables: OpenReceivable[], asOf: IsoDate): CurrencyAging[] {
  const sums = new Map<string, Map<AgingBucketKey, { amount: Dec; invoices: number }>>();
  for (const r of receivables) {
    const balance = new Dec(r.balanceDue);
    // Nothing owed (paid, credited in full, a credit balance): not a receivable.
    if (balance.lte(0)) continue;
    const byBucket = sums.get(r.currency) ?? new Map();
    sums.set(r.currency, byBucket);
    const key = agingBucketOf(daysPastDue(r.dueDate, asOf));
    const sum = byBucket.get(key) ?? { amount: new Dec(0), invoices: 0 };
    byBucket.set(key, { amount: sum.amount.plus(balance), invoices: sum.invoices + (r.invoices ?? 1) });
  }

  const agings = [...sums].map(([currency, byBucket]) => {
    const buckets = AGING_BUCKETS.map((b) => ({ key: b.key, label: b.label, ...(byBucket.get(b.key) ?? { amount: new Dec(0), invoices: 0 }) }));
    const sumOf = (bs: typeof buckets) => ({ amount: Dec.sum(0, ...bs.map((b) => b.amount)), invoices: bs.reduce((n, b) => n + b.invoices, 0) });
    const total = sumOf(buckets);
    const overdue = sumOf(buckets.filter((b) => b.key !== "NOT_DUE"));
    return { currency, total: total.amount, aging: { currency, buckets: buckets.map((b) => ({ ...b, amount: b.amount.toFixed() })), total: exact(total), overdue: exact(overdue) } };
  });
  return agings.sort((a, b) => b.total.comparedTo(a.total) || a.currency.localeCompare(b.currency)).map((a) => a.aging);
}

const exact = (a: { amount: Dec; invoices: number }): AgingAmount => ({ amount: a.amount.toFixed(), invoices: a.invoices });
