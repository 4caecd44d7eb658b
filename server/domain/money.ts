// Exact decimals for money and rates. Values travel as strings ("12.50") in JSON, forms and the database's
// numeric columns, and are computed with decimal.js, never with binary floating point.
import Decimal from "decimal.js";
import { z } from "zod";

export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,12})?$/;

/**
 * A decimal as it arrives: a string ("12.50") or a JSON number (12.5, converted through its shortest string form,
 * which is exact for any number a person types). Normalised to a canonical string without trailing zeros drift.
 */
export const ZDecimal = z
  .union([z.string().trim(), z.number().finite()])
  .transform((v) => (typeof v === "number" ? String(v) : v))
  // abort: the sign and range refinements below parse the value, and must not run on one that is not a number.
  .refine((v) => DECIMAL_PATTERN.test(v), { message: "Enter a number, e.g. 12.50", abort: true });

export const ZNonNegativeDecimal = ZDecimal.refine((v) => !new Dec(v).isNegative(), { message: "Must be zero or more" });
export const ZPositiveDecimal = ZDecimal.refine((v) => new Dec(v).greaterThan(0), { message: "Must be greater than zero" });
export const ZPercent = ZDecimal.refine((v) => new Dec(v).gte(0) && new Dec(v).lte(100), { message: "A percentage from 0 to 100" });

/** ISO 4217 minor units for the currencies Tally bills in; anything else is refused. */
export const CURRENCY_MINOR_UNITS: Record<string, number> = {
  USD: 2, EUR: 2, GBP: 2, CAD: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, MXN: 2, BRL: 2, INR: 2, SGD: 2, HKD: 2, ZAR: 2,
  JPY: 0, KRW: 0,
};

/** Why `amount` cannot be an amount of `currency` (finer than its minor unit), or null. */
export function amountPrecisionError(amount: string, currency: string): string | null {
  const digits = CURRENCY_MINOR_UNITS[currency];
  if (new Dec(amount).decimalPlaces() <= digits) return null;
  return digits === 0 ? `${currency} amounts are whole numbers` : `${currency} amounts have at most ${digits} decimal${digits === 1 ? "" : "s"}`;
}

export const ZCurrency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => c in CURRENCY_MINOR_UNITS, { message: "Unknown or unsupported currency (use an ISO 4217 code such as USD)" });

/** "-1234567.5" → "-1,234,567.5": thousands separators for reading, the digits untouched. */
export function groupDigits(fixed: string): string {
  const [whole, fraction] = fixed.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const grouped = `${sign}${whole.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`;
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** "12.5" → "12.50" in USD: for display and for stored rounded amounts. */
export function formatAmount(value: Dec | string, currency: string): string {
  const digits = CURRENCY_MINOR_UNITS[currency] ?? 2;
  return new Dec(value).toFixed(digits);
}
