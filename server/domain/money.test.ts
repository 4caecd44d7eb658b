import { describe, expect, it } from "vitest";
import { formatAmount, ZCurrency, ZDecimal, ZNonNegativeDecimal, ZPercent, ZPositiveDecimal } from "./money";

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];

describe("ZDecimal", () => {
  it.each([
    ["12.50", "12.50"],
    [" 12.50 ", "12.50"],
    [12.5, "12.5"],
    [0.1, "0.1"],
    [-3, "-3"],
    ["999999999999999.999999999999", "999999999999999.999999999999"],
  ])("accepts %j as %j", (input, parsed) => {
    expect(ZDecimal.parse(input)).toBe(parsed);
  });

  it.each([["12,50"], ["1e3"], [""], ["abc"], ["1.0000000000001"]])("refuses %j with one clear message", (input) => {
    expect(messagesOf(ZDecimal.safeParse(input))).toEqual(["Enter a number, e.g. 12.50"]);
  });

  it("refuses a number that JSON cannot carry", () => {
    expect(ZDecimal.safeParse(Number.POSITIVE_INFINITY).success).toBe(false);
  });

  it("stops at the format: a value that is not a number gets no sign or range message (and never throws)", () => {
    expect(messagesOf(ZPositiveDecimal.safeParse("12,50"))).toEqual(["Enter a number, e.g. 12.50"]);
    expect(messagesOf(ZNonNegativeDecimal.safeParse("n/a"))).toEqual(["Enter a number, e.g. 12.50"]);
    expect(messagesOf(ZPercent.safeParse("10%"))).toEqual(["Enter a number, e.g. 12.50"]);
  });

  it("checks signs and ranges", () => {
    expect(messagesOf(ZPositiveDecimal.safeParse("0"))).toEqual(["Must be greater than zero"]);
    expect(messagesOf(ZNonNegativeDecimal.safeParse("-0.01"))).toEqual(["Must be zero or more"]);
    expect(messagesOf(ZPercent.safeParse("100.01"))).toEqual(["A percentage from 0 to 100"]);
    expect(ZPercent.parse("100")).toBe("100");
  });
});

describe("ZCurrency", () => {
  it("accepts ISO 4217 codes in any case", () => {
    expect(ZCurrency.parse(" usd ")).toBe("USD");
    expect(ZCurrency.parse("JPY")).toBe("JPY");
  });

  it("refuses an unknown code", () => {
    expect(messagesOf(ZCurrency.safeParse("XYZ"))).toEqual(["Unknown or unsupported currency (use an ISO 4217 code such as USD)"]);
  });
});

describe("formatAmount", () => {
  it("rounds half up to the currency's minor units", () => {
    expect(formatAmount("12.5", "USD")).toBe("12.50");
    expect(formatAmount("2483.870967741935483870967741935483870968", "USD")).toBe("2483.87");
    expect(formatAmount("0.125", "EUR")).toBe("0.13");
    expect(formatAmount("1234.5", "JPY")).toBe("1235");
  });
});
