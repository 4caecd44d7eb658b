// Calendar dates as ISO strings ("2026-12-01"): contracts are agreed in days, not instants, so no time zone
// enters the domain. Strings compare correctly with < and >.
import type { IsoDate } from "./terms";

const DAY_MS = 86_400_000;
const toUtc = (d: IsoDate) => new Date(`${d}T00:00:00Z`);
const fromUtc = (d: Date): IsoDate => d.toISOString().slice(0, 10);

// Day numbers (days since 1970-01-01) by arithmetic, not by parsing and printing a Date: billing steps through every
// day of every line of every contract, and the round trip through text cost four times as much. Same calendar: a
// day past the month's end rolls over into the next month, as Date parsing does. (Date.UTC reads years 0–99 as
// 1900–1999: counted 400 years — 146,097 days, one whole cycle of the calendar — later and taken back.)
const dayNumber = (d: IsoDate) => Date.UTC(Number(d.slice(0, 4)) + 400, Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS - 146_097;
const twoDigits = (n: number) => (n < 10 ? `0${n}` : String(n));
function fromDayNumber(n: number): IsoDate {
  const date = new Date(n * DAY_MS);
  return `${String(date.getUTCFullYear()).padStart(4, "0")}-${twoDigits(date.getUTCMonth() + 1)}-${twoDigits(date.getUTCDate())}`;
}

export const addDays = (d: IsoDate, days: number): IsoDate => fromDayNumber(dayNumber(d) + days);

// The day after, remembered: billing asks it for the same few hundred days over and over (every day of every line).
const nextDays = new Map<IsoDate, IsoDate>();
export function nextDay(d: IsoDate): IsoDate {
  let next = nextDays.get(d);
  if (next === undefined) {
    if (nextDays.size >= 10_000) nextDays.clear();
    nextDays.set(d, (next = addDays(d, 1)));
  }
  return next;
}

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
export const daysInclusive = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from) + 1;

export const daysInMonth = (d: IsoDate): number => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).getUTCDate();

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a < b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

export const toIsoDate = (d: Date): IsoDate => fromUtc(d);
export const fromIsoDate = (d: IsoDate): Date => toUtc(d);

/** Today in UTC, the calendar Tally's dates are kept in. */
export const todayIso = (now = new Date()): IsoDate => fromUtc(now);
