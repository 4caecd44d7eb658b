// Calendar dates as ISO strings ("2026-12-01"): contracts are agreed in days, not instants, so no time zone
// enters the domain. Strings compare correctly with < and >.
import type { IsoDate } from "./terms";

const toUtc = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
const fromUtc = (d: Date): IsoDate => d.toISOString().slice(0, 10);

export const addDays = (d: IsoDate, days: number): IsoDate => fromUtc(new Date(toUtc(d).getTime() + days * 86_400_000));

export function addMonths(d: IsoDate, months: number): IsoDate {
  const date = toUtc(d);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
  return fromUtc(date);
}

/** Days from `from` to `to`, both inclusive. */
export const daysInclusive = (from: IsoDate, to: IsoDate): number => Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000) + 1;

export const daysInMonth = (d: IsoDate): number => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate();

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

export const toIsoDate = (d: Date): IsoDate => fromUtc(d);
export const fromIsoDate = (d: IsoDate): Date => toUtc(d);

/** Today in UTC, the calendar Tally's dates are kept in. */
export const todayIso = (now = new Date()): IsoDate => fromUtc(now);
