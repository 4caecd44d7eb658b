import { describe, expect, it } from "vitest";
import { issuesOf } from "../../testing/zod-issues";
import { PRICING_MODEL_LABELS, ZPricingModel } from "./pricing-model";

const issues = (input: unknown) => issuesOf(ZPricingModel, input);

const tiers = (...bounds: (string | null)[]) => bounds.map((upTo, i) => ({ upTo, unitPrice: String(10 - i) }));

describe("ZPricingModel accepts each model, filling in defaults", () => {
  it.each([
    ["standard", { model: "standard", unitPrice: "0" }, { model: "standard", unitPrice: "0" }],
    ["perMille", { model: "perMille", ratePerThousand: 12.5 }, { model: "perMille", ratePerThousand: "12.5" }],
    [
      "graduated",
      { model: "graduated", tiers: tiers("1000", "5000", null) },
      { model: "graduated", tiers: [{ upTo: "1000", unitPrice: "10", flatFee: "0" }, { upTo: "5000", unitPrice: "9", flatFee: "0" }, { upTo: null, unitPrice: "8", flatFee: "0" }] },
    ],
    ["volume with a single unbounded tier", { model: "volume", tiers: tiers(null) }, { model: "volume", tiers: [{ upTo: null, unitPrice: "10", flatFee: "0" }] }],
    ["package", { model: "package", packageSize: "1000", packagePrice: "25" }, { model: "package", packageSize: "1000", packagePrice: "25", freeUnits: "0" }],
    [
      "percentage",
      { model: "percentage", rate: "2.5", minPerEvent: "1", maxPerEvent: "1" },
      { model: "percentage", rate: "2.5", fixedFee: "0", freeUnits: null, freeEvents: null, minPerEvent: "1", maxPerEvent: "1" },
    ],
    [
      "graduatedPercentage",
      { model: "graduatedPercentage", tiers: [{ upTo: "10000", rate: "3" }, { upTo: null, rate: "2" }] },
      { model: "graduatedPercentage", tiers: [{ upTo: "10000", rate: "3", flatFee: "0" }, { upTo: null, rate: "2", flatFee: "0" }] },
    ],
  ])("%s", (_, input, parsed) => {
    expect(ZPricingModel.parse(input)).toEqual(parsed);
  });

  it.each([2])("freeEvents %j is the count 2", (freeEvents) => {
    expect(ZPricingModel.parse({ model: "percentage", rate: "2", freeEvents })).toMatchObject({ freeEvents: 2 });
  });

  it("has a label for every model", () => {
    expect(Object.keys(PRICING_MODEL_LABELS).sort()).toEqual(["graduated", "graduatedPercentage", "package", "perMille", "percentage", "standard", "volume"]);
  });
});

describe("ZPricingModel refuses, naming the field", () => {
  it.each([
    ["a zero CPM rate", { model: "perMille", ratePerThousand: "0" }, { ratePerThousand: ["Must be greater than zero"] }],
    ["a negative CPM rate", { model: "perMille", ratePerThousand: -12.5 }, { ratePerThousand: ["Must be greater than zero"] }],
    ["a negative unit price", { model: "standard", unitPrice: "-0.01" }, { unitPrice: ["Must be zero or more"] }],
    ["a price with more than 12 decimals", { model: "standard", unitPrice: "0.0000000000001" }, { unitPrice: ["Enter a number, e.g. 12.50"] }],
    ["a price in words", { model: "standard", unitPrice: "twelve" }, { unitPrice: ["Enter a number, e.g. 12.50"] }],
    ["no tiers", { model: "graduated", tiers: [] }, { tiers: ["Add at least one tier"] }],
    ["equal tier bounds", { model: "graduated", tiers: tiers("1000", "1000", null) }, { "tiers.1.upTo": ["Must be greater than the previous tier's 1000"] }],
    ["decreasing tier bounds", { model: "volume", tiers: tiers("5000", "1000", null) }, { "tiers.1.upTo": ["Must be greater than the previous tier's 5000"] }],
    ["tier bounds compared as numbers, not text (900 < 1000)", { model: "volume", tiers: tiers("1000", "900", null) }, { "tiers.1.upTo": ["Must be greater than the previous tier's 1000"] }],
    ["a bounded last tier", { model: "graduated", tiers: tiers("1000", "5000") }, { "tiers.1.upTo": ["The last tier must be unbounded (leave “up to” empty)"] }],
    [
      "an unbounded middle tier",
      { model: "graduated", tiers: tiers("1000", null, null) },
      { "tiers.1.upTo": ["Only the last tier may be unbounded"] },
    ],
    ["a zero tier bound", { model: "graduated", tiers: tiers("0", null) }, { "tiers.0.upTo": ["Must be greater than zero"] }],
    ["a tier rate above 100%", { model: "graduatedPercentage", tiers: [{ upTo: null, rate: "100.5" }] }, { "tiers.0.rate": ["A percentage from 0 to 100"] }],
    ["a package of size 0", { model: "package", packageSize: 0, packagePrice: "25" }, { packageSize: ["Must be greater than zero"] }],
    ["a negative package price", { model: "package", packageSize: "1000", packagePrice: "-1" }, { packagePrice: ["Must be zero or more"] }],
    ["a negative percentage", { model: "percentage", rate: "-1" }, { rate: ["A percentage from 0 to 100"] }],
    ["a minimum per event above the maximum", { model: "percentage", rate: "2", minPerEvent: "5", maxPerEvent: "4.99" }, { maxPerEvent: ["Must be at least the minimum per event"] }],
    ["a fractional number of free events", { model: "percentage", rate: "2", freeEvents: 1.5 }, { freeEvents: ["A whole number of events"] }],
  ])("%s", (_, input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it.each([2.5, "2", "2.5", -1, "-1", "", "two", "1e3"])("freeEvents %j: a whole number of events", (freeEvents) => {
    expect(issues({ model: "percentage", rate: "2", freeEvents })).toEqual({ freeEvents: ["A whole number of events"] });
  });

  it("refuses an unknown model by its discriminator", () => {
    expect(Object.keys(issues({ model: "auction", floor: "1" }))).toEqual(["model"]);
  });
});
