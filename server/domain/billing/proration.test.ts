import { describe, expect, it } from "vitest";
import { eachDay, exact, ExactDec, intersect, lastDayOfMonth, prorate, splitByMonth } from "./proration";

describe("prorate: amount × days ÷ days in the period, dividing last", () => {
  it("gives whole periods back exactly", () => {
    expect(exact(prorate("1000", 31, 31))).toBe("1000");
    expect(exact(prorate("1000", 0, 31))).toBe("0");
  });

  it("keeps 80 significant digits of a repeating quotient: 1,000 × 22 ÷ 31 = 709.677419354838…", () => {
    const value = prorate("1000", 22, 31);
    expect(value.precision()).toBe(80);
    expect(value.toDecimalPlaces(2).toFixed(2)).toBe("709.68");
    // Multiplying back recovers the product to within the last digit kept.
    expect(value.times(31).minus(22_000).abs().lessThan("1e-70")).toBe(true);
  });

  it("divides the product, so a whole number of days that divides evenly comes out exact", () => {
    // 100 × 3 ÷ 3 = 100, where 100 ÷ 3 × 3 would give 99.999…; 1,550 × 16 ÷ 31 = 800.
    expect(exact(prorate("100", 3, 3))).toBe("100");
    expect(exact(prorate("1550", 16, 31))).toBe("800");
  });

  it("refuses impossible day counts", () => {
    expect(() => prorate("100", 32, 31)).toThrow(RangeError);
    expect(() => prorate("100", 1, 0)).toThrow(RangeError);
    expect(() => prorate("100", 1.5, 31)).toThrow(RangeError);
  });
});

describe("date ranges", () => {
  it("intersect inclusively, or not at all", () => {
    expect(intersect({ from: "2026-10-01", to: "2026-10-31" }, { from: "2026-10-31", to: "2026-11-30" })).toEqual({ from: "2026-10-31", to: "2026-10-31" });
    expect(intersect({ from: "2026-10-01", to: "2026-10-15" }, { from: "2026-10-16", to: "2026-10-31" })).toBeNull();
  });

  it("split at month ends, leap Februaries included", () => {
    expect(splitByMonth({ from: "2028-01-20", to: "2028-03-05" })).toEqual([
      { from: "2028-01-20", to: "2028-01-31" },
      { from: "2028-02-01", to: "2028-02-29" },
      { from: "2028-03-01", to: "2028-03-05" },
    ]);
    expect(lastDayOfMonth("2026-02-10")).toBe("2026-02-28");
  });

  it("list their days in order", () => {
    expect(eachDay({ from: "2026-12-30", to: "2027-01-02" })).toEqual(["2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02"]);
    expect(eachDay({ from: "2026-10-02", to: "2026-10-01" })).toEqual([]);
  });

  it("print a negated zero as 0", () => {
    expect(exact(new ExactDec(0).negated())).toBe("0");
  });
});
