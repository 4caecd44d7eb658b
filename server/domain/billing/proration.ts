// Date ranges and proration by day for billing: a monthly amount covering part of a month is charged for the days
// it covers, amount × days ÷ days in the month. Exact: the product is formed first and divided once, at the end,
// at 80 significant digits (the engine's precision), so repeating decimals such as 1000 × 22 ÷ 31 keep far more
// digits than any rounding to a currency's minor unit needs.
import { addDays, daysInclusive, daysInMonth, maxDate, minDate, nextDay } from "../contracts/dates";
import type { IsoDate } from "../contracts/terms";
import { Dec as MoneyDec } from "../money";

export const ExactDec = MoneyDec.clone({ precision: 80 });
export type ExactDec = InstanceType<typeof ExactDec>;

/** Plain decimal notation; never "-0", which a negated zero would otherwise print as. */
export const exact = (d: ExactDec): string => (d.isZero() ? "0" : d.toFixed());

/** Inclusive on both ends, like every period in Tally. */
export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

/** The days two ranges share, or null when they share none. */
export function intersect(a: DateRange, b: DateRange): DateRange | null {
  const from = maxDate(a.from, b.from);
  const to = minDate(a.to, b.to);
  return from <= to ? { from, to } : null;
}

export const lastDayOfMonth = (day: IsoDate): IsoDate => `${day.slice(0, 8)}${String(daysInMonth(day)).padStart(2, "0")}`;

/** The range cut at month ends: 2026-10-20..2026-12-05 → Oct 20–31, Nov 1–30, Dec 1–5. */
export function splitByMonth(range: DateRange): DateRange[] {
  const pieces: DateRange[] = [];
  for (let from = range.from; from <= range.to; from = addDays(lastDayOfMonth(from), 1)) {
    pieces.push({ from, to: minDate(lastDayOfMonth(from), range.to) });
  }
  return pieces;
}

/** Every day of the range, in order. */
export function eachDay(range: DateRange): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = range.from; day <= range.to; day = nextDay(day)) days.push(day);
  return days;
}

/** amount × days ÷ outOf, dividing last; whole periods come back exactly as the amount. */
export function prorate(amount: string, days: number, outOf: number): ExactDec {
  if (!Number.isInteger(days) || !Number.isInteger(outOf) || days < 0 || outOf <= 0 || days > outOf) {
    throw new RangeError(`Cannot prorate ${days} days out of ${outOf}`);
  }
  return new ExactDec(amount).times(days).div(outOf);
}
