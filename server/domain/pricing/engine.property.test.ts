// Properties every price must keep, whatever the numbers: checked on generated models and quantities.
// Decimals are generated as text from integers (digits and a scale), never through a binary float.
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { price, type BreakdownItem, type PricingQuantity } from "./engine";
import { ZPricingModel, type PricingModel } from "./pricing-model";

/** The test's own arithmetic, precise enough that it never rounds what it checks. */
const D = Decimal.clone({ precision: 100 });
const RUNS = { numRuns: 200 };

function fixedPoint(digits: bigint, scale: number): string {
  const text = digits.toString().padStart(scale + 1, "0");
  return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
}

/** A decimal ≥ min as text, e.g. "1234.5600": up to `maxDigits` digits, up to `maxScale` of them decimals. */
const decimalText = ({ min = 0n, maxDigits = 9, maxScale = 4 } = {}) =>
  fc.tuple(fc.bigInt({ min, max: 10n ** BigInt(maxDigits) - 1n }), fc.integer({ min: 0, max: maxScale })).map(([digits, scale]) => fixedPoint(digits, scale));

// Units on the scale of the tier bounds below, so that they land in every tier, not mostly past the last bound.
const units = decimalText({ maxDigits: 7, maxScale: 4 });
const amount = decimalText({ maxDigits: 6, maxScale: 4 });
const rate = fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 2 })).map(([n, scale]) => fixedPoint(BigInt(n), scale)).filter((r) => new D(r).lte(100));

/** Strictly increasing bounds, the last tier unbounded: 1 to 5 tiers. */
const bounds = fc
  .array(decimalText({ min: 1n, maxDigits: 7, maxScale: 3 }), { maxLength: 4 })
  .map((steps) => {
    let upTo = new D(0);
    return [...steps.map((step) => (upTo = upTo.plus(step)).toFixed()), null];
  });

const unitTiers = bounds.chain((upTos) => fc.tuple(...upTos.map((upTo) => fc.record({ upTo: fc.constant(upTo), unitPrice: amount, flatFee: amount }))));
const rateTiers = bounds.chain((upTos) => fc.tuple(...upTos.map((upTo) => fc.record({ upTo: fc.constant(upTo), rate, flatFee: amount }))));

const parsed = (model: unknown) => ZPricingModel.parse(model);

const graduatedModel = unitTiers.map((tiers) => parsed({ model: "graduated", tiers }));
const volumeModel = unitTiers.map((tiers) => parsed({ model: "volume", tiers }));
const packageModel = fc
  .record({ packageSize: decimalText({ min: 1n, maxDigits: 6, maxScale: 3 }), packagePrice: amount, freeUnits: units })
  .map((m) => parsed({ model: "package", ...m }));
const percentageModel = fc
  .record({
    rate,
    fixedFee: amount,
    freeUnits: fc.option(units),
    freeEvents: fc.option(fc.integer({ min: 0, max: 10 })),
    minPerEvent: fc.option(amount),
    maxPerEvent: fc.option(amount),
  })
  .filter((m) => m.minPerEvent === null || m.maxPerEvent === null || new D(m.minPerEvent).lte(m.maxPerEvent))
  .map((m) => parsed({ model: "percentage", ...m }));

const anyModel: fc.Arbitrary<PricingModel> = fc.oneof(
  amount.map((unitPrice) => parsed({ model: "standard", unitPrice })),
  decimalText({ min: 1n, maxDigits: 6, maxScale: 4 }).map((ratePerThousand) => parsed({ model: "perMille", ratePerThousand })),
  graduatedModel,
  volumeModel,
  packageModel,
  percentageModel,
  rateTiers.map((tiers) => parsed({ model: "graduatedPercentage", tiers })),
);

const anyQuantity: fc.Arbitrary<PricingQuantity> = fc.oneof(
  units.map((u) => ({ units: u })),
  fc.array(units, { maxLength: 8 }).map((events) => ({ events })),
);

const total = (items: readonly BreakdownItem[]) => items.reduce((sum, item) => sum.plus(item.amount), new D(0));

describe("pricing properties", () => {
  it("for every model, the breakdown adds up to the amount", () => {
    fc.assert(
      fc.property(anyModel, anyQuantity, (model, quantity) => {
        const result = price(model, quantity);
        expect(total(result.breakdown).toFixed()).toBe(result.amount);
      }),
      RUNS,
    );
  });

  it("graduated never decreases as units grow", () => {
    fc.assert(
      fc.property(graduatedModel, units, units, (model, base, extra) => {
        const before = price(model, { units: base }).amount;
        const after = price(model, { units: new D(base).plus(extra).toFixed() }).amount;
        expect(new D(after).gte(before)).toBe(true);
      }),
      RUNS,
    );
  });

  it("volume prices all units at the tier containing them: units × unitPrice + flatFee", () => {
    fc.assert(
      fc.property(volumeModel, units, (model, u) => {
        if (model.model !== "volume") throw new Error("unreachable");
        const result = price(model, { units: u });
        const [line] = result.breakdown;
        if (line.kind !== "tier") throw new Error(`Expected a tier line, got ${line.kind}`);
        const tier = model.tiers[line.tier - 1];
        // The tier contains the units: above the previous bound (the first tier also takes zero), up to its own.
        const lower = line.tier === 1 ? null : model.tiers[line.tier - 2].upTo!;
        expect(lower === null || new D(u).greaterThan(lower)).toBe(true);
        expect(tier.upTo === null || new D(u).lte(tier.upTo)).toBe(true);
        expect(result.amount).toBe(new D(u).times(tier.unitPrice).plus(tier.flatFee).toFixed());
      }),
      RUNS,
    );
  });

  it("perMille is linear: pricing a + b impressions costs pricing a plus pricing b, and 1,000 cost the rate", () => {
    fc.assert(
      fc.property(decimalText({ min: 1n, maxDigits: 6, maxScale: 4 }), units, units, (ratePerThousand, a, b) => {
        const model = parsed({ model: "perMille", ratePerThousand });
        const of = (u: string) => price(model, { units: u }).amount;
        expect(of(new D(a).plus(b).toFixed())).toBe(new D(of(a)).plus(of(b)).toFixed());
        expect(of("1000")).toBe(new D(ratePerThousand).toFixed());
      }),
      RUNS,
    );
  });

  it("package bills a whole number of packages: the fewest that cover the billable units", () => {
    fc.assert(
      fc.property(packageModel, units, (model, u) => {
        if (model.model !== "package") throw new Error("unreachable");
        const [line] = price(model, { units: u }).breakdown;
        if (line.kind !== "package") throw new Error(`Expected a package line, got ${line.kind}`);
        const packages = new D(line.packages);
        expect(packages.isInteger()).toBe(true);
        expect(line.amount).toBe(packages.times(model.packagePrice).toFixed());
        const billable = D.max(0, new D(u).minus(model.freeUnits));
        expect(packages.times(model.packageSize).gte(billable)).toBe(true);
        expect(packages.isZero() || packages.minus(1).times(model.packageSize).lessThan(billable)).toBe(true);
      }),
      RUNS,
    );
  });

  it("percentage with no allowance and no clamps is Σ (value × rate ÷ 100 + fixedFee)", () => {
    fc.assert(
      fc.property(rate, amount, fc.array(units, { maxLength: 8 }), (r, fixedFee, events) => {
        const model = parsed({ model: "percentage", rate: r, fixedFee });
        const expected = events.reduce((sum, value) => sum.plus(new D(value).times(r).div(100).plus(fixedFee)), new D(0));
        expect(price(model, { events }).amount).toBe(expected.toFixed());
      }),
      RUNS,
    );
  });
});
