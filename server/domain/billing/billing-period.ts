// Billing periods are calendar months, named "2026-10" everywhere a person types or reads one.
import { z } from "zod";
import { addMonths, daysInMonth } from "../contracts/dates";
import type { IsoDate } from "../contracts/terms";

export const ZBillingPeriod = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Use a month like 2026-10");

export interface PeriodBounds {
  from: IsoDate;
  to: IsoDate;
}

export function periodBounds(month: string): PeriodBounds {
  const from = `${month}-01`;
  return { from, to: `${month}-${String(daysInMonth(from)).padStart(2, "0")}` };
}

export const periodOf = (day: IsoDate) => day.slice(0, 7);

export const shiftPeriod = (month: string, months: number) => addMonths(`${month}-01`, months).slice(0, 7);

export function periodLabel(month: string): string {
  return new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${month}-01T00:00:00Z`));
}
