import { describe, expect, it } from "vitest";
import { describeChange, diffTerms } from "./terms-diff";
import { ZContractTerms, type ContractTermsInput } from "./terms";

const terms = (input: ContractTermsInput) => ZContractTerms.parse(input);
const cpm = (key: string, name: string, model: Record<string, unknown>) => ({ key, name, inventoryType: "CTV", pricing: { source: "OVERRIDE" as const, model } }) as never;
const perMille = (rate: string) => ({ model: "perMille" as const, ratePerThousand: rate });
const graduated = (...prices: string[]) => ({ model: "graduated", tiers: prices.map((unitPrice, i) => ({ upTo: i === prices.length - 1 ? null : String((i + 1) * 1000), unitPrice })) });
const partner = (payout: Record<string, unknown>) => ({ partnerKey: "roku", partnerName: "Roku", payout }) as never;

/** The sentences the version history shows. */
const sentences = (before: ContractTermsInput, after: ContractTermsInput, effectiveFrom?: string) => diffTerms(terms(before), terms(after)).map((c) => describeChange(c, effectiveFrom));

describe("diffTerms + describeChange", () => {
  it("sees no change in a different notation of the same number (12.5 vs 12.50)", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", perMille("12.5"))] }, { cpmLines: [cpm("sports", "Sports", perMille("12.50"))] })).toEqual([]);
  });

  it("reads a CPM rate change as one sentence with its effective date", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", perMille("12.50"))] }, { cpmLines: [cpm("sports", "Sports", perMille("14.00"))] }, "2026-12-01")).toEqual([
      "CPM line Sports: rate per thousand 12.50 → 14.00 from 2026-12-01",
    ]);
  });

  it("describes the change as structured data too", () => {
    expect(diffTerms(terms({ cpmLines: [cpm("sports", "Sports", perMille("12.50"))] }), terms({ cpmLines: [cpm("sports", "Sports", perMille("14.00"))] }))).toEqual([
      { kind: "CHANGED", subject: "CPM line Sports", field: "rate per thousand", before: "12.50", after: "14.00" },
    ]);
  });

  it("answers no changes for identical terms", () => {
    const same = { cpmLines: [cpm("sports", "Sports", perMille("12.50"))], recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY" as const }] };
    expect(diffTerms(terms(same), terms(same))).toEqual([]);
  });

  it("reads added and removed lines by name", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", perMille("12.50"))] }, { cpmLines: [cpm("news", "News", perMille("9"))] })).toEqual(["Added CPM line News", "Removed CPM line Sports"]);
  });

  it("reads every group's additions with its own label", () => {
    const after: ContractTermsInput = {
      recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY" }],
      cpmLines: [cpm("sports", "Sports", perMille("12.50"))],
      cpaLines: [{ key: "app", name: "App installs", payouts: [{ conversionType: "install", flat: "2" }], attribution: {}, eligibility: {} }],
      partnerTerms: [partner({ kind: "REVENUE_SHARE", percent: "20" })],
    };
    expect(sentences({}, after, "2026-12-01")).toEqual([
      "Added Fee Platform fee from 2026-12-01",
      "Added CPM line Sports from 2026-12-01",
      "Added CPA line App installs from 2026-12-01",
      "Added Partner Roku from 2026-12-01",
    ]);
  });

  it("reads a renamed line (same key) as a name change, not a removal and an addition", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", perMille("12.50"))] }, { cpmLines: [cpm("sports", "Live sports", perMille("12.50"))] })).toEqual([
      "CPM line Sports: name Sports → Live sports",
    ]);
  });

  it("names tier fields by their position, counting from 1", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", graduated("10", "8", "6"))] }, { cpmLines: [cpm("sports", "Sports", graduated("10", "7.50", "6"))] })).toEqual([
      "CPM line Sports: tier 2 unit price 8 → 7.50",
    ]);
  });

  it("reads an added tier as the fields that gained a value", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", graduated("10", "8"))] }, { cpmLines: [cpm("sports", "Sports", graduated("10", "8", "6"))] })).toEqual([
      "CPM line Sports: tier 2 up to none → 2000",
      "CPM line Sports: tier 3 unit price none → 6",
      "CPM line Sports: tier 3 flat fee none → 0",
    ]);
  });

  it("names a pricing model change in words", () => {
    expect(sentences({ cpmLines: [cpm("sports", "Sports", perMille("12"))] }, { cpmLines: [cpm("sports", "Sports", { model: "standard", unitPrice: "0.012" })] })).toEqual([
      "CPM line Sports: pricing model Per thousand (CPM) → Per unit",
      "CPM line Sports: rate per thousand 12 → none",
      "CPM line Sports: unit price none → 0.012",
    ]);
  });

  it("matches CPA payouts by conversion type: adding one does not shift the others", () => {
    const line = (payouts: object[]) => ({ cpaLines: [{ key: "app", name: "App", payouts, attribution: {}, eligibility: {} }] }) as never;
    const install = { conversionType: "install", flat: "2" };
    const purchase = { conversionType: "purchase", percentOfValue: "5" };
    expect(sentences(line([purchase]), line([install, { ...purchase, percentOfValue: "6" }]))).toEqual([
      "CPA line App: purchase payout percent of value 5 → 6",
      "CPA line App: install payout flat none → 2",
    ]);
  });

  it("reads a partner payout change", () => {
    expect(sentences({ partnerTerms: [partner({ kind: "FLAT_PER_CONVERSION", amount: "2.00" })] }, { partnerTerms: [partner({ kind: "FLAT_PER_CONVERSION", amount: "2.50" })] })).toEqual([
      "Partner Roku: payout per conversion 2.00 → 2.50",
    ]);
  });

  it("reads a change of payout kind field by field", () => {
    expect(sentences({ partnerTerms: [partner({ kind: "FLAT_PER_CONVERSION", amount: "2" })] }, { partnerTerms: [partner({ kind: "REVENUE_SHARE", percent: "20" })] })).toEqual([
      "Partner Roku: payout kind FLAT_PER_CONVERSION → REVENUE_SHARE",
      "Partner Roku: payout per conversion 2 → none",
      "Partner Roku: payout share (%) none → 20",
    ]);
  });

  it("reads fee amounts, commitments and yes/no settings in words", () => {
    const before: ContractTermsInput = {
      recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY" }],
      cpmLines: [cpm("sports", "Sports", perMille("12"))],
      cpaLines: [{ key: "app", name: "App", payouts: [{ conversionType: "install", flat: "2" }], attribution: {}, eligibility: { newCustomersOnly: false, geographies: ["US"] } }],
    };
    const after: ContractTermsInput = {
      recurringFees: [{ key: "platform", name: "Platform fee", amount: "1200", frequency: "MONTHLY" }],
      cpmLines: [{ ...(cpm("sports", "Sports", perMille("12")) as object), minimumCommitment: { amount: "5000", period: "MONTHLY" } } as never],
      cpaLines: [{ key: "app", name: "App", payouts: [{ conversionType: "install", flat: "2" }], attribution: {}, eligibility: { newCustomersOnly: true, geographies: ["US", "CA"] } }],
    };
    expect(sentences(before, after)).toEqual([
      "Fee Platform fee: amount 1000 → 1200",
      "CPM line Sports: minimum commitment none → 5000",
      "CPM line Sports: minimum commitment period none → MONTHLY",
      "CPA line App: eligible geographies US → US, CA",
      "CPA line App: new customers only no → yes",
    ]);
  });

  it("renders free text literally, even words that name a pricing model or a built-in property", () => {
    const line = (inventoryType: string) => ({ key: "sports", name: "Sports", inventoryType, pricing: { source: "OVERRIDE" as const, model: perMille("12") } });
    expect(sentences({ cpmLines: [line("standard")] }, { cpmLines: [line("premium")] })).toEqual(["CPM line Sports: inventory type standard → premium"]);
    expect(sentences({ cpmLines: [line("constructor")] }, { cpmLines: [line("toString")] })).toEqual(["CPM line Sports: inventory type constructor → toString"]);
  });
});
