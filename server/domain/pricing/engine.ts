// The pricing engine: one pure function prices any quantity under any model, exactly (decimal.js, never
// floats), returning the unrounded amount and a breakdown a person can follow. Rounding to the currency's minor
// unit happens once per invoice line, in `roundLine`, never here.
import { Dec as MoneyDec, CURRENCY_MINOR_UNITS } from "../money";
import type { PricingModel } from "./pricing-model";

/** Either a quantity, or per-event values (units = their sum, event count = their number). */
export type PricingQuantity = { units: string } | { events: readonly string[] };

export type BreakdownItem =
  | { kind: "units"; units: string; unitPrice: string; amount: string }
  | { kind: "perMille"; units: string; ratePerThousand: string; amount: string }
  | { kind: "tier"; tier: number; from: string; upTo: string | null; units: string; unitPrice?: string; rate?: string; flatFee: string; amount: string }
  | { kind: "package"; units: string; freeUnits: string; billableUnits: string; packages: string; packageSize: string; packagePrice: string; amount: string }
  | { kind: "event"; index: number; value: string; freeUnits: string; chargedUnits: string; fixedFee: string; clampedTo: "min" | "max" | null; amount: string };

export interface PriceResult {
  /** Exact and unrounded, in plain decimal notation. */
  amount: string;
  breakdown: BreakdownItem[];
}

export class PricingError extends Error {
  constructor(
    readonly code: "INVALID_QUANTITY" | "INVALID_MODEL" | "UNKNOWN_CURRENCY",
    message: string,
  ) {
    super(message);
    this.name = "PricingError";
  }
}

// Exact, not merely precise: valid inputs (15 integer and 12 decimal digits, up to a million events) multiply to at
// most ~62 significant digits, so at 80 no product or sum is ever rounded. Division only feeds `ceil` (packages).
const Dec = MoneyDec.clone({ precision: 80 });
type Dec = InstanceType<typeof Dec>;

const ZERO = new Dec(0);
const str = (d: Dec) => d.toFixed();

/** Plain decimal notation only: no exponents, no hex, no signs other than a leading minus (refused below). */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

function decimal(value: string, what: string): Dec {
  if (!PLAIN_DECIMAL.test(value)) throw new PricingError("INVALID_QUANTITY", `${what} is not a number: ${JSON.stringify(value)}`);
  const d = new Dec(value);
  if (d.isNegative()) throw new PricingError("INVALID_QUANTITY", `${what} cannot be negative`);
  return d;
}

function eventsOf(quantity: PricingQuantity): Dec[] {
  if ("events" in quantity) return quantity.events.map((e, i) => decimal(e, `Event ${i + 1}`));
  return [decimal(quantity.units, "Units")];
}

const sum = (values: Dec[]) => values.reduce((a, b) => a.plus(b), ZERO);

/** Tiers filled in order: each entered tier bills its share of the units plus its flat fee once. */
function graduated<T extends { upTo: string | null; flatFee: string }>(tiers: readonly T[], units: Dec, priceOf: (tier: T, tierUnits: Dec) => Dec, priceField: (tier: T) => Pick<Extract<BreakdownItem, { kind: "tier" }>, "unitPrice" | "rate">): PriceResult {
  const breakdown: BreakdownItem[] = [];
  let from = ZERO;
  let total = ZERO;
  for (const [i, tier] of tiers.entries()) {
    // The first tier is always entered (its flat fee is owed even at zero units); later ones once units pass its lower bound.
    if (i > 0 && !units.greaterThan(from)) break;
    const upTo = tier.upTo === null ? null : new Dec(tier.upTo);
    const tierUnits = Dec.max(ZERO, (upTo === null ? units : Dec.min(units, upTo)).minus(from));
    const flatFee = new Dec(tier.flatFee);
    const amount = priceOf(tier, tierUnits).plus(flatFee);
    total = total.plus(amount);
    breakdown.push({ kind: "tier", tier: i + 1, from: str(from), upTo: tier.upTo, units: str(tierUnits), ...priceField(tier), flatFee: str(flatFee), amount: str(amount) });
    if (upTo === null) break;
    from = upTo;
  }
  return { amount: str(total), breakdown };
}

function percentageEvents(model: Extract<PricingModel, { model: "percentage" }>, events: Dec[]): PriceResult {
  const rate = new Dec(model.rate).div(100);
  // The model's amounts read once, not once per event.
  const fixedFee = new Dec(model.fixedFee);
  const fixedFeeText = str(fixedFee);
  const minPerEvent = model.minPerEvent === null ? null : new Dec(model.minPerEvent);
  const maxPerEvent = model.maxPerEvent === null ? null : new Dec(model.maxPerEvent);
  const hasAllowance = model.freeUnits !== null || model.freeEvents !== null;
  let total = ZERO;
  let freeUnitsLeft = model.freeUnits === null ? null : new Dec(model.freeUnits);
  let freeEventsLeft = model.freeEvents;
  const breakdown: BreakdownItem[] = events.map((value, index) => {
    const allowanceOpen = hasAllowance && (freeEventsLeft === null || freeEventsLeft > 0) && (freeUnitsLeft === null || freeUnitsLeft.greaterThan(0));
    const free = allowanceOpen ? (freeUnitsLeft === null ? value : Dec.min(value, freeUnitsLeft)) : ZERO;
    if (allowanceOpen) {
      if (freeEventsLeft !== null) freeEventsLeft -= 1;
      if (freeUnitsLeft !== null) freeUnitsLeft = freeUnitsLeft.minus(free);
    }
    const charged = value.minus(free);
    const fullyFree = allowanceOpen && charged.isZero();
    let amount = fullyFree ? ZERO : charged.times(rate).plus(fixedFee);
    let clampedTo: "min" | "max" | null = null;
    if (!fullyFree && minPerEvent !== null && amount.lessThan(minPerEvent)) [amount, clampedTo] = [minPerEvent, "min"];
    if (!fullyFree && maxPerEvent !== null && amount.greaterThan(maxPerEvent)) [amount, clampedTo] = [maxPerEvent, "max"];
    total = total.plus(amount);
    return { kind: "event", index: index + 1, value: str(value), freeUnits: str(free), chargedUnits: str(charged), fixedFee: fullyFree ? "0" : fixedFeeText, clampedTo, amount: str(amount) };
  });
  return { amount: str(total), breakdown };
}

export function price(model: PricingModel, quantity: PricingQuantity): PriceResult {
  const events = eventsOf(quantity);
  const units = sum(events);
  switch (model.model) {
    case "standard": {
      const amount = units.times(model.unitPrice);
      return { amount: str(amount), breakdown: [{ kind: "units", units: str(units), unitPrice: str(new Dec(model.unitPrice)), amount: str(amount) }] };
    }
    case "perMille": {
      const amount = units.times(model.ratePerThousand).div(1000);
      return { amount: str(amount), breakdown: [{ kind: "perMille", units: str(units), ratePerThousand: str(new Dec(model.ratePerThousand)), amount: str(amount) }] };
    }
    case "graduated":
      return graduated(model.tiers, units, (t, u) => u.times(t.unitPrice), (t) => ({ unitPrice: str(new Dec(t.unitPrice)) }));
    case "graduatedPercentage":
      return graduated(model.tiers, units, (t, u) => u.times(t.rate).div(100), (t) => ({ rate: str(new Dec(t.rate)) }));
    case "volume": {
      // The one tier whose range holds the total prices every unit; zero units falls in the first tier.
      const index = model.tiers.findIndex((t) => t.upTo === null || units.lte(t.upTo));
      const tier = model.tiers[index];
      const from = index === 0 ? ZERO : new Dec(model.tiers[index - 1].upTo!);
      const amount = units.times(tier.unitPrice).plus(tier.flatFee);
      return {
        amount: str(amount),
        breakdown: [{ kind: "tier", tier: index + 1, from: str(from), upTo: tier.upTo, units: str(units), unitPrice: str(new Dec(tier.unitPrice)), flatFee: str(new Dec(tier.flatFee)), amount: str(amount) }],
      };
    }
    case "package": {
      const billable = units.minus(model.freeUnits);
      const packages = billable.lte(0) ? ZERO : billable.div(model.packageSize).ceil();
      const amount = packages.times(model.packagePrice);
      return {
        amount: str(amount),
        breakdown: [{ kind: "package", units: str(units), freeUnits: str(new Dec(model.freeUnits)), billableUnits: str(Dec.max(ZERO, billable)), packages: str(packages), packageSize: str(new Dec(model.packageSize)), packagePrice: str(new Dec(model.packagePrice)), amount: str(amount) }],
      };
    }
    case "percentage":
      return percentageEvents(model, events);
  }
}

export type RoundingMode = "HALF_UP" | "HALF_EVEN";

/** Round one invoice line to the currency's minor unit: the only rounding money ever gets. */
export function roundLine(amount: string, currency: string, mode: RoundingMode = "HALF_UP"): string {
  const digits = CURRENCY_MINOR_UNITS[currency];
  if (digits === undefined) throw new PricingError("UNKNOWN_CURRENCY", `Unknown currency ${currency}`);
  return new Dec(amount).toDecimalPlaces(digits, mode === "HALF_EVEN" ? Dec.ROUND_HALF_EVEN : Dec.ROUND_HALF_UP).toFixed(digits);
}
