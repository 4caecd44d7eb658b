import { describe, expect, it } from "vitest";
import { issuesOf } from "../../testing/zod-issues";
import { ZContractTerms, ZIsoDate, type ContractTermsInput } from "./terms";

const sports = { key: "sports", name: "Sports", inventoryType: "CTV", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.50" } } } as const;
const appInstalls = { key: "app", name: "App installs", payouts: [{ conversionType: "install", flat: "2.00" }], attribution: {}, eligibility: {} };
const roku = { partnerKey: "roku", partnerName: "Roku", payout: { kind: "REVENUE_SHARE", percent: "20" } } as const;

const issues = (input: unknown) => issuesOf(ZContractTerms, input);

const withCpm = (line: Record<string, unknown>) => ({ cpmLines: [{ ...sports, ...line }] });
const withModel = (model: Record<string, unknown>) => withCpm({ pricing: { source: "OVERRIDE", model } });
const withPayout = (payout: Record<string, unknown>) => ({ cpaLines: [{ ...appInstalls, payouts: [{ conversionType: "install", ...payout }] }] });

describe("ZContractTerms accepts", () => {
  it("empty terms, as four empty groups", () => {
    expect(ZContractTerms.parse({})).toEqual({ recurringFees: [], cpmLines: [], cpaLines: [], partnerTerms: [] });
  });

  it("a full set of terms, filling in the documented defaults", () => {
    const terms = ZContractTerms.parse({
      recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY" }],
      cpmLines: [sports],
      cpaLines: [appInstalls],
      partnerTerms: [{ ...roku, lines: ["sports", "app"] }],
    } satisfies ContractTermsInput);
    expect(terms.recurringFees[0]).toMatchObject({ startDate: null, endDate: null });
    expect(terms.cpmLines[0]).toMatchObject({ billableSource: "LOWER_OF_BOTH", discrepancyThresholdPercent: "10", periodCap: null, lifetimeBudget: null, minimumCommitment: null, agencyCommissionPercent: "0" });
    expect(terms.cpaLines[0]).toMatchObject({
      tiered: null,
      attribution: { clickLookbackDays: 7, viewLookbackDays: 1, model: "LAST_TOUCH", dedupeWindowHours: 24 },
      eligibility: { conversionTypes: [], geographies: [], minOrderValue: null, newCustomersOnly: false },
      caps: { perDay: null, perPeriod: null },
      lockPeriodDays: 14,
    });
    expect(terms.cpaLines[0].payouts[0]).toEqual({ conversionType: "install", flat: "2.00", percentOfValue: null, minPerConversion: null, maxPerConversion: null });
    expect(terms.partnerTerms[0].lines).toEqual(["sports", "app"]);
  });

  it("JSON numbers for decimals, kept as exact decimal strings", () => {
    const terms = ZContractTerms.parse({ recurringFees: [{ key: "platform", name: "Platform fee", amount: 1000, frequency: "MONTHLY" }], ...withModel({ model: "perMille", ratePerThousand: 12.5 }) });
    expect(terms.recurringFees[0].amount).toBe("1000");
    expect(terms.cpmLines[0].pricing).toEqual({ source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.5" } });
  });

  it("decimal strings as typed, trailing zeros and all", () => {
    expect(ZContractTerms.parse(withModel({ model: "perMille", ratePerThousand: " 12.50 " })).cpmLines[0].pricing).toMatchObject({ model: { ratePerThousand: "12.50" } });
  });

  it("a line priced from a rate card entry", () => {
    expect(issues(withCpm({ pricing: { source: "RATE_CARD", rateCard: "CTV 2026", entry: "Sports" } }))).toEqual({});
  });

  it("country codes in any case, stored upper-case", () => {
    expect(ZContractTerms.parse({ cpaLines: [{ ...appInstalls, eligibility: { geographies: ["us", " ca "] } }] }).cpaLines[0].eligibility.geographies).toEqual(["US", "CA"]);
  });
});

describe("ZContractTerms refuses, naming the field", () => {
  it.each([
    ["a negative CPM rate", withModel({ model: "perMille", ratePerThousand: "-1" }), { "cpmLines.0.pricing.model.ratePerThousand": ["Must be greater than zero"] }],
    ["a zero CPM rate", withModel({ model: "perMille", ratePerThousand: 0 }), { "cpmLines.0.pricing.model.ratePerThousand": ["Must be greater than zero"] }],
    ["a rate that is not a number", withModel({ model: "perMille", ratePerThousand: "12,50" }), { "cpmLines.0.pricing.model.ratePerThousand": ["Enter a number, e.g. 12.50"] }],
    ["a zero fee", { recurringFees: [{ key: "platform", name: "Platform fee", amount: "0", frequency: "MONTHLY" }] }, { "recurringFees.0.amount": ["Must be greater than zero"] }],
    ["a negative fee", { recurringFees: [{ key: "platform", name: "Platform fee", amount: -5, frequency: "MONTHLY" }] }, { "recurringFees.0.amount": ["Must be greater than zero"] }],
    [
      "tier bounds that do not increase",
      withModel({ model: "graduated", tiers: [{ upTo: "1000", unitPrice: "1" }, { upTo: "1000", unitPrice: "0.8" }, { upTo: null, unitPrice: "0.5" }] }),
      { "cpmLines.0.pricing.model.tiers.1.upTo": ["Must be greater than the previous tier's 1000"] },
    ],
    ["a bounded last tier", withModel({ model: "volume", tiers: [{ upTo: "1000", unitPrice: "1" }] }), { "cpmLines.0.pricing.model.tiers.0.upTo": ["The last tier must be unbounded (leave “up to” empty)"] }],
    [
      "an unbounded middle tier",
      withModel({ model: "graduated", tiers: [{ upTo: null, unitPrice: "1" }, { upTo: null, unitPrice: "0.5" }] }),
      { "cpmLines.0.pricing.model.tiers.0.upTo": ["Only the last tier may be unbounded"] },
    ],
    ["a package of size 0", withModel({ model: "package", packageSize: "0", packagePrice: "100" }), { "cpmLines.0.pricing.model.packageSize": ["Must be greater than zero"] }],
    [
      "a minimum per event above the maximum",
      withModel({ model: "percentage", rate: "5", minPerEvent: "2", maxPerEvent: "1" }),
      { "cpmLines.0.pricing.model.maxPerEvent": ["Must be at least the minimum per event"] },
    ],
    ["an agency commission above 100%", withCpm({ agencyCommissionPercent: "101" }), { "cpmLines.0.agencyCommissionPercent": ["A percentage from 0 to 100"] }],
    ["a line key with capitals or spaces", withCpm({ key: "Live Sports" }), { "cpmLines.0.key": ["Lower-case letters, digits and dashes"] }],
    ["an empty line name", withCpm({ name: "  " }), { "cpmLines.0.name": ["Required"] }],
    ["two CPM lines with one key", { cpmLines: [sports, { ...sports, name: "Sports 2" }] }, { "cpmLines.1.key": ["Key “sports” is already used by cpmLines #1"] }],
    [
      "a CPA line reusing a CPM line's key",
      { cpmLines: [sports], cpaLines: [{ ...appInstalls, key: "sports" }] },
      { "cpaLines.0.key": ["Key “sports” is already used by cpmLines #1"] },
    ],
    ["a partner term for a line that does not exist", { cpmLines: [sports], partnerTerms: [{ ...roku, lines: ["sports", "news"] }] }, { "partnerTerms.0.lines.1": ["No line with key “news”"] }],
    ["two terms for one partner", { partnerTerms: [roku, roku] }, { "partnerTerms.1.partnerKey": ["This partner already has terms"] }],
    ["a partner share above 100%", { partnerTerms: [{ ...roku, payout: { kind: "CPM_SHARE", percent: "120" } }] }, { "partnerTerms.0.payout.percent": ["A percentage from 0 to 100"] }],
    [
      "a CPA payout for a conversion type the line does not accept",
      { cpaLines: [{ ...appInstalls, eligibility: { conversionTypes: ["purchase"] } }] },
      { "cpaLines.0.payouts.0.conversionType": ["Not among the eligible conversion types (purchase)"] },
    ],
    ["a CPA payout with neither a flat amount nor a percentage", withPayout({}), { "cpaLines.0.payouts.0.flat": ["Set a flat payout, a percentage of value, or both"] }],
    [
      "a CPA payout whose minimum is above its maximum",
      withPayout({ percentOfValue: "10", minPerConversion: "5", maxPerConversion: "1" }),
      { "cpaLines.0.payouts.0.maxPerConversion": ["Must be at least the minimum per conversion"] },
    ],
    ["a CPA line without payouts", { cpaLines: [{ ...appInstalls, payouts: [] }] }, { "cpaLines.0.payouts": ["Add a payout for at least one conversion type"] }],
    [
      "CPA tiers out of order",
      { cpaLines: [{ ...appInstalls, tiered: { model: "graduated", tiers: [{ upTo: "100", unitPrice: "2" }, { upTo: "50", unitPrice: "1" }, { upTo: null, unitPrice: "0.5" }] } }] },
      { "cpaLines.0.tiered.tiers.1.upTo": ["Must be greater than the previous tier's 100"] },
    ],
    ["a three-letter country code", { cpaLines: [{ ...appInstalls, eligibility: { geographies: ["USA"] } }] }, { "cpaLines.0.eligibility.geographies.0": ["Two-letter country codes"] }],
    ["a click lookback beyond 90 days", { cpaLines: [{ ...appInstalls, attribution: { clickLookbackDays: 91 } }] }, { "cpaLines.0.attribution.clickLookbackDays": ["Too big: expected number to be <=90"] }],
    [
      "a fee starting on February 30th",
      { recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY", startDate: "2026-02-30" }] },
      { "recurringFees.0.startDate": ["Not a real calendar date"] },
    ],
  ])("%s", (_, input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it("reports every problem at once, not only the first", () => {
    expect(Object.keys(issues({ cpmLines: [{ ...sports, pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "0" } } }, sports] }))).toEqual([
      "cpmLines.0.pricing.model.ratePerThousand",
      "cpmLines.1.key",
    ]);
  });
});

describe("ZIsoDate", () => {
  it.each(["2026-12-01", "2028-02-29", "2026-01-31"])("accepts %s", (date) => {
    expect(ZIsoDate.parse(date)).toBe(date);
  });

  it.each([
    ["2026-02-30", "Not a real calendar date"],
    ["2027-02-29", "Not a real calendar date"],
    ["2026-04-31", "Not a real calendar date"],
    ["2026-13-01", "Not a real calendar date"],
    ["2026-3-1", "Use a date like 2026-12-01"],
    ["01/12/2026", "Use a date like 2026-12-01"],
    ["2026-12-01T00:00:00Z", "Use a date like 2026-12-01"],
  ])("refuses %s: %s", (date, message) => {
    const result = ZIsoDate.safeParse(date);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });
});
