// Worked examples for every pricing model: each number here can be checked by hand. Amounts are exact and
// unrounded; rounding to the currency happens once per invoice line, in roundLine, at the bottom of this file.
import { describe, expect, it } from "vitest";
import { price, PricingError, roundLine, type PricingQuantity } from "./engine";
import { ZPricingModel } from "./pricing-model";

/** Models are written as they are stored (and sent to `tally price`); parsing fills in the defaults. */
const priced = (model: unknown, quantity: PricingQuantity) => price(ZPricingModel.parse(model), quantity);
const amountFor = (model: unknown, units: string) => priced(model, { units }).amount;

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error("Expected a refusal, but it was priced");
}

describe("standard: units × unitPrice", () => {
  const model = { model: "standard", unitPrice: "0.0125" };

  it.each([
    ["zero units", "0", "0"],
    ["one unit", "1", "0.0125"],
    ["a thousand units", "1000", "12.5"],
    ["fractional units", "3.3", "0.04125"],
  ])("%s: %s × 0.0125 = %s", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("shows its single line in the breakdown", () => {
    expect(priced(model, { units: "1000" })).toEqual({ amount: "12.5", breakdown: [{ kind: "units", units: "1000", unitPrice: "0.0125", amount: "12.5" }] });
  });

  it("prices events as their sum: 0.1 + 0.2 units at 0.1 is exactly 0.03, not a float's 0.030000000000000006", () => {
    expect(priced({ model: "standard", unitPrice: "0.1" }, { events: ["0.1", "0.2"] }).amount).toBe("0.03");
  });
});

describe("perMille (CPM): impressions × ratePerThousand ÷ 1000", () => {
  const model = { model: "perMille", ratePerThousand: "12.50" };

  it.each([
    ["no impressions", "0", "0"],
    ["one impression", "1", "0.0125"],
    ["a thousand", "1000", "12.5"],
    ["a million", "1000000", "12500"],
    ["an odd count", "1234567", "15432.0875"],
  ])("%s: %s impressions at 12.50 CPM = %s", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("shows impressions and rate in the breakdown", () => {
    expect(priced(model, { units: "1234567" }).breakdown).toEqual([{ kind: "perMille", units: "1234567", ratePerThousand: "12.5", amount: "15432.0875" }]);
  });
});

describe("graduated: units fill the tiers in order, each entered tier adds its flat fee once", () => {
  // 0.10 a unit up to 1,000 (+5 flat), 0.08 up to 5,000 (+2 flat), 0.05 beyond (+1 flat).
  const model = {
    model: "graduated",
    tiers: [
      { upTo: "1000", unitPrice: "0.10", flatFee: "5" },
      { upTo: "5000", unitPrice: "0.08", flatFee: "2" },
      { upTo: null, unitPrice: "0.05", flatFee: "1" },
    ],
  };

  it.each([
    ["zero units still owe the first tier's flat fee", "0", "5"],
    ["exactly on the first bound stays in the first tier (upTo is inclusive)", "1000", "105"],
    ["one past the first bound enters the second tier: 105 + 0.08 + 2", "1001", "107.08"],
    ["half a unit past the bound: 105 + 0.04 + 2", "1000.5", "107.04"],
    ["exactly on the second bound: 105 + 4,000 × 0.08 + 2", "5000", "427"],
    ["one past the second bound: 427 + 0.05 + 1", "5001", "428.05"],
    ["deep in the last tier: 427 + 5,000 × 0.05 + 1", "10000", "678"],
  ])("%s (%s units → %s)", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("breaks the amount down tier by tier", () => {
    expect(priced(model, { units: "5001" })).toEqual({
      amount: "428.05",
      breakdown: [
        { kind: "tier", tier: 1, from: "0", upTo: "1000", units: "1000", unitPrice: "0.1", flatFee: "5", amount: "105" },
        { kind: "tier", tier: 2, from: "1000", upTo: "5000", units: "4000", unitPrice: "0.08", flatFee: "2", amount: "322" },
        { kind: "tier", tier: 3, from: "5000", upTo: null, units: "1", unitPrice: "0.05", flatFee: "1", amount: "1.05" },
      ],
    });
  });

  it("lists only the first tier at zero units, with its flat fee", () => {
    expect(priced(model, { units: "0" }).breakdown).toEqual([{ kind: "tier", tier: 1, from: "0", upTo: "1000", units: "0", unitPrice: "0.1", flatFee: "5", amount: "5" }]);
  });

  it("fills decimal bounds: with tiers up to 0.1 and up to 1, 0.5 units are 0.1 in the first and 0.4 in the second", () => {
    const decimalTiers = { model: "graduated", tiers: [{ upTo: "0.1", unitPrice: "10" }, { upTo: "1", unitPrice: "2" }, { upTo: null, unitPrice: "1" }] };
    expect(priced(decimalTiers, { units: "0.5" })).toEqual({
      amount: "1.8",
      breakdown: [
        { kind: "tier", tier: 1, from: "0", upTo: "0.1", units: "0.1", unitPrice: "10", flatFee: "0", amount: "1" },
        { kind: "tier", tier: 2, from: "0.1", upTo: "1", units: "0.4", unitPrice: "2", flatFee: "0", amount: "0.8" },
      ],
    });
  });
});

describe("volume: the one tier containing the total prices every unit, plus that tier's flat fee", () => {
  const model = {
    model: "volume",
    tiers: [
      { upTo: "1000", unitPrice: "0.10", flatFee: "5" },
      { upTo: "5000", unitPrice: "0.08", flatFee: "2" },
      { upTo: null, unitPrice: "0.05", flatFee: "1" },
    ],
  };

  it.each([
    ["zero units fall in the first tier and owe its flat fee", "0", "5"],
    ["exactly on the first bound is still the first tier: 1,000 × 0.10 + 5", "1000", "105"],
    ["one past it moves every unit to the second tier: 1,001 × 0.08 + 2", "1001", "82.08"],
    ["exactly on the second bound: 5,000 × 0.08 + 2", "5000", "402"],
    ["one past it: 5,001 × 0.05 + 1", "5001", "251.05"],
    ["a fraction past the first bound: 1,000.5 × 0.08 + 2", "1000.5", "82.04"],
  ])("%s (%s units → %s)", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("shows the one tier that priced the units", () => {
    expect(priced(model, { units: "1001" })).toEqual({
      amount: "82.08",
      breakdown: [{ kind: "tier", tier: 2, from: "1000", upTo: "5000", units: "1001", unitPrice: "0.08", flatFee: "2", amount: "82.08" }],
    });
  });

  it("respects decimal bounds: 0.1 is in the tier up to 0.1, 0.100000000001 is past it", () => {
    const decimalTiers = { model: "volume", tiers: [{ upTo: "0.1", unitPrice: "10" }, { upTo: null, unitPrice: "2" }] };
    expect(amountFor(decimalTiers, "0.1")).toBe("1");
    expect(amountFor(decimalTiers, "0.100000000001")).toBe("0.200000000002");
  });
});

describe("package: whole packages of the units beyond the free ones", () => {
  // 25 per started package of 1,000, the first 500 units free.
  const model = { model: "package", packageSize: "1000", packagePrice: "25", freeUnits: "500" };

  it.each([
    ["zero units", "0", "0"],
    ["fewer units than the free ones", "400", "0"],
    ["exactly the free units", "500", "0"],
    ["one unit past the free ones starts a package", "501", "25"],
    ["exactly one full package past the free ones", "1500", "25"],
    ["half a unit more starts a second package", "1500.5", "50"],
    ["exactly two packages", "2500", "50"],
    ["one unit into the third package", "2501", "75"],
  ])("%s: %s units → %s", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("shows billable units and packages, never negative billable units", () => {
    expect(priced(model, { units: "400" }).breakdown).toEqual([
      { kind: "package", units: "400", freeUnits: "500", billableUnits: "0", packages: "0", packageSize: "1000", packagePrice: "25", amount: "0" },
    ]);
    expect(priced(model, { units: "1500.5" }).breakdown).toEqual([
      { kind: "package", units: "1500.5", freeUnits: "500", billableUnits: "1000.5", packages: "2", packageSize: "1000", packagePrice: "25", amount: "50" },
    ]);
  });

  it("works with decimal package sizes: 1.2 units in packages of 0.5 are 3 packages", () => {
    expect(amountFor({ model: "package", packageSize: "0.5", packagePrice: "1.25" }, "1.2")).toBe("3.75");
  });
});

describe("percentage: a percent of each event's value, plus a fixed fee per paying event", () => {
  it("reads the rate as a percent: 1.3 is 1.3%, so 1,000 is 13", () => {
    expect(amountFor({ model: "percentage", rate: "1.3" }, "1000")).toBe("13");
  });

  it("charges every event its value × rate ÷ 100 + the fixed fee when there is no allowance", () => {
    // 100 × 1.3% + 0.30 = 1.6; 250.50 × 1.3% + 0.30 = 3.5565
    expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30" }, { events: ["100", "250.50"] })).toEqual({
      amount: "5.1565",
      breakdown: [
        { kind: "event", index: 1, value: "100", freeUnits: "0", chargedUnits: "100", fixedFee: "0.3", clampedTo: null, amount: "1.6" },
        { kind: "event", index: 2, value: "250.5", freeUnits: "0", chargedUnits: "250.5", fixedFee: "0.3", clampedTo: null, amount: "3.5565" },
      ],
    });
  });

  it("prices no events as nothing", () => {
    expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30" }, { events: [] })).toEqual({ amount: "0", breakdown: [] });
  });

  it("treats a bare quantity as one event of that value", () => {
    expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30" }, { units: "1000" }).breakdown).toEqual([
      { kind: "event", index: 1, value: "1000", freeUnits: "0", chargedUnits: "1000", fixedFee: "0.3", clampedTo: null, amount: "13.3" },
    ]);
  });

  it("owes the fixed fee on a zero-value event outside any allowance (it is not a free event)", () => {
    expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30" }, { events: ["0"] }).amount).toBe("0.3");
  });

  describe("free allowance: the first freeEvents events and the first freeUnits units, whichever runs out first", () => {
    const events = ["100", "200", "300"];

    it("by events only: the first two events are free however large, the third pays 300 × 1.3% + 0.30", () => {
      const result = priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 2 }, { events });
      expect(result.amount).toBe("4.2");
      expect(result.breakdown.map((e) => e.amount)).toEqual(["0", "0", "4.2"]);
      expect(result.breakdown[0]).toEqual({ kind: "event", index: 1, value: "100", freeUnits: "100", chargedUnits: "0", fixedFee: "0", clampedTo: null, amount: "0" });
    });

    it("by units only: 250 free units cover the first event and 150 of the second, which pays its fixed fee on the other 50", () => {
      const result = priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeUnits: "250" }, { events });
      // 0 + (50 × 1.3% + 0.30 = 0.95) + (300 × 1.3% + 0.30 = 4.2)
      expect(result.amount).toBe("5.15");
      expect(result.breakdown[1]).toEqual({ kind: "event", index: 2, value: "200", freeUnits: "150", chargedUnits: "50", fixedFee: "0.3", clampedTo: null, amount: "0.95" });
    });

    it("both, the events run out first: one free event, though 900 free units are left", () => {
      const result = priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 1, freeUnits: "1000" }, { events: ["100", "200"] });
      // 0 + (200 × 1.3% + 0.30 = 2.9)
      expect(result.amount).toBe("2.9");
      expect(result.breakdown[1]).toMatchObject({ freeUnits: "0", chargedUnits: "200", amount: "2.9" });
    });

    it("both, the units run out first: 150 free units end inside the second of five free events", () => {
      const result = priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 5, freeUnits: "150" }, { events });
      // 0 + (150 × 1.3% + 0.30 = 2.25) + (300 × 1.3% + 0.30 = 4.2)
      expect(result.amount).toBe("6.45");
      expect(result.breakdown.map((e) => [e.kind === "event" && e.freeUnits, e.amount])).toEqual([["100", "0"], ["50", "2.25"], ["0", "4.2"]]);
    });

    it("once the free units run out the allowance is over, even for events left: a zero-value event then pays its fixed fee", () => {
      const result = priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeUnits: "100", freeEvents: 5 }, { events: ["100", "0"] });
      expect(result.breakdown.map((e) => e.amount)).toEqual(["0", "0.3"]);
    });

    it("a zero allowance is no allowance", () => {
      expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 0 }, { events }).amount).toBe("8.7");
      expect(priced({ model: "percentage", rate: "1.3", fixedFee: "0.30", freeEvents: 3, freeUnits: "0" }, { events }).amount).toBe("8.7");
    });
  });

  describe("clamped per event to [minPerEvent, maxPerEvent]", () => {
    const model = { model: "percentage", rate: "1.3", fixedFee: "0.30", minPerEvent: "1", maxPerEvent: "5" };

    it("raises a small event to the minimum and caps a large one at the maximum, saying which", () => {
      // 10 → 0.43 → 1 (min); 100 → 1.6 (as is); 1,000 → 13.3 → 5 (max)
      const result = priced(model, { events: ["10", "100", "1000"] });
      expect(result.amount).toBe("7.6");
      expect(result.breakdown.map((e) => [e.kind === "event" && e.clampedTo, e.amount])).toEqual([["min", "1"], [null, "1.6"], ["max", "5"]]);
    });

    it("does not mark an amount that lands exactly on a bound as clamped", () => {
      // 100 → 1.6, the minimum; 300 → 4.2, the maximum
      const result = priced({ ...model, minPerEvent: "1.6", maxPerEvent: "4.2" }, { events: ["100", "300"] });
      expect(result.breakdown.map((e) => [e.kind === "event" && e.clampedTo, e.amount])).toEqual([[null, "1.6"], [null, "4.2"]]);
    });

    it("leaves a fully free event at nothing, below the minimum", () => {
      const result = priced({ ...model, freeEvents: 1 }, { events: ["100", "10"] });
      expect(result.breakdown.map((e) => [e.kind === "event" && e.clampedTo, e.amount])).toEqual([[null, "0"], ["min", "1"]]);
      expect(result.amount).toBe("1");
    });

    it("clamps a partially free event: 1,000 with 990 free pays 10 × 1.3% + 0.30 = 0.43, raised to 1", () => {
      expect(priced({ ...model, freeUnits: "990" }, { events: ["1000"] }).breakdown[0]).toMatchObject({ freeUnits: "990", chargedUnits: "10", clampedTo: "min", amount: "1" });
    });
  });
});

describe("graduatedPercentage: tiers filled like graduated, each billing units × rate ÷ 100 + its flat fee", () => {
  // 3% up to 10,000 (+10 flat), 2% up to 50,000 (+100 flat), 1.5% beyond.
  const model = {
    model: "graduatedPercentage",
    tiers: [
      { upTo: "10000", rate: "3", flatFee: "10" },
      { upTo: "50000", rate: "2", flatFee: "100" },
      { upTo: null, rate: "1.5" },
    ],
  };

  it.each([
    ["zero still owes the first tier's flat fee", "0", "10"],
    ["exactly on the first bound: 300 + 10", "10000", "310"],
    ["one past it: 310 + 0.02 + 100", "10001", "410.02"],
    ["half past it: 310 + 0.01 + 100", "10000.5", "410.01"],
    ["exactly on the second bound: 310 + 800 + 100", "50000", "1210"],
    ["into the last tier: 1,210 + 10,000 × 1.5%", "60000", "1360"],
  ])("%s (%s → %s)", (_, units, amount) => {
    expect(amountFor(model, units)).toBe(amount);
  });

  it("breaks the amount down by tier, showing each tier's rate", () => {
    expect(priced(model, { units: "60000" }).breakdown).toEqual([
      { kind: "tier", tier: 1, from: "0", upTo: "10000", units: "10000", rate: "3", flatFee: "10", amount: "310" },
      { kind: "tier", tier: 2, from: "10000", upTo: "50000", units: "40000", rate: "2", flatFee: "100", amount: "900" },
      { kind: "tier", tier: 3, from: "50000", upTo: null, units: "10000", rate: "1.5", flatFee: "0", amount: "150" },
    ]);
  });
});

describe("amounts are exact decimals in plain notation", () => {
  it("keeps a tiny amount whole, without an exponent: 0.000000001 units at 0.000000000001", () => {
    expect(amountFor({ model: "standard", unitPrice: "0.000000000001" }, "0.000000001")).toBe("0.000000000000000000001");
    expect(amountFor({ model: "perMille", ratePerThousand: "12.5" }, "0.000000001")).toBe("0.0000000000125");
  });

  it("writes a huge amount out in full: 10^14 units at 999,999,999,999,999", () => {
    expect(amountFor({ model: "standard", unitPrice: "999999999999999" }, "100000000000000")).toBe("99999999999999900000000000000");
    expect(amountFor({ model: "perMille", ratePerThousand: "999999999999999" }, "100000000000000")).toBe("99999999999999900000000000");
  });

  it("never rounds, even past 40 significant digits: the largest valid price squared is exact", () => {
    const largest = "999999999999999.999999999999";
    expect(amountFor({ model: "standard", unitPrice: largest }, largest)).toBe("999999999999999999999999998000.000000000000000000000001");
  });

  it("leaves rounding to the invoice line: one impression at 12.345 CPM is 0.012345", () => {
    expect(amountFor({ model: "perMille", ratePerThousand: "12.345" }, "1")).toBe("0.012345");
  });
});

describe("invalid quantities are refused with INVALID_QUANTITY", () => {
  const model = { model: "standard", unitPrice: "1" };

  it.each([
    ["negative units", { units: "-1" }, "Units cannot be negative"],
    ["a tiny negative", { units: "-0.000000000001" }, "Units cannot be negative"],
    ["words", { units: "ten" }, 'Units is not a number: "ten"'],
    ["an empty quantity", { units: "" }, 'Units is not a number: ""'],
    ["infinity", { units: "Infinity" }, "Units is not a number: \"Infinity\""],
    ["not-a-number", { units: "NaN" }, "Units is not a number: \"NaN\""],
    ["hexadecimal", { units: "0x10" }, 'Units is not a number: "0x10"'],
    ["an exponent", { units: "1e5" }, 'Units is not a number: "1e5"'],
    ["a negative event", { events: ["1", "-2"] }, "Event 2 cannot be negative"],
    ["a non-numeric event", { events: ["1", "2", "x"] }, 'Event 3 is not a number: "x"'],
  ])("%s", (_, quantity, message) => {
    const err = refusal(() => priced(model, quantity as PricingQuantity));
    expect(err).toBeInstanceOf(PricingError);
    expect(err).toMatchObject({ code: "INVALID_QUANTITY", message });
  });
});

describe("roundLine: the one rounding, to the currency's minor unit", () => {
  it.each([
    ["2.345", "HALF_UP", "2.35"],
    ["2.345", "HALF_EVEN", "2.34"],
    ["2.355", "HALF_UP", "2.36"],
    ["2.355", "HALF_EVEN", "2.36"],
    ["2.3449999", "HALF_UP", "2.34"],
    ["2.3450001", "HALF_EVEN", "2.35"],
  ] as const)("%s rounded %s is %s", (amount, mode, rounded) => {
    expect(roundLine(amount, "USD", mode)).toBe(rounded);
  });

  it("rounds half-up by default", () => {
    expect(roundLine("2.345", "USD")).toBe("2.35");
  });

  it("rounds negative amounts symmetrically: half-up away from zero, half-even to the even digit", () => {
    expect(roundLine("-2.345", "USD", "HALF_UP")).toBe("-2.35");
    expect(roundLine("-2.345", "USD", "HALF_EVEN")).toBe("-2.34");
    expect(roundLine("-2.355", "USD", "HALF_EVEN")).toBe("-2.36");
  });

  it("pads to the minor unit", () => {
    expect(roundLine("12.5", "EUR")).toBe("12.50");
    expect(roundLine("7", "USD")).toBe("7.00");
    expect(roundLine("0.000000000000000000001", "USD")).toBe("0.00");
  });

  it("rounds yen to whole units", () => {
    expect(roundLine("1234.5", "JPY", "HALF_UP")).toBe("1235");
    expect(roundLine("1234.5", "JPY", "HALF_EVEN")).toBe("1234");
    expect(roundLine("1235.5", "JPY", "HALF_EVEN")).toBe("1236");
    expect(roundLine("1234.49", "JPY")).toBe("1234");
  });

  it("refuses an unknown currency", () => {
    const err = refusal(() => roundLine("1", "XYZ"));
    expect(err).toBeInstanceOf(PricingError);
    expect(err).toMatchObject({ message: "Unknown currency XYZ" });
  });

  it("rounds once per line, not per tier: three tiers owing 0.005 each make 0.015, which rounds to 0.02, not 3 × 0.01", () => {
    const model = { model: "graduated", tiers: [{ upTo: "1", unitPrice: "0.005" }, { upTo: "2", unitPrice: "0.005" }, { upTo: null, unitPrice: "0.005" }] };
    const result = priced(model, { units: "3" });
    expect(result.breakdown.map((t) => t.amount)).toEqual(["0.005", "0.005", "0.005"]);
    expect(result.amount).toBe("0.015");
    expect(roundLine(result.amount, "USD")).toBe("0.02");
  });
});
