// Worked examples of a period's draft: every amount here can be checked by hand, with the arithmetic beside it.
// Unless a test says otherwise: the term is 2026, the period October 2026 (31 days), the currency USD, half-up.
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApprovedVersion, ContractTerm } from "../contracts/effective-terms";
import { ZContractTerms, type ContractTerms, type ContractTermsInput } from "../contracts/terms";
import { ZRateCardEntries } from "../pricing/rate-card";
import { commitmentPeriodsEndingIn, dayRange, priceCpmPeriod, type CpmPeriodInput, type DeliveryDay, type PeriodDraft, type RateCardVersion } from "./cpm-period";
import type { DraftLine } from "./draft-line";
import { eachDay } from "./proration";

const year2026: ContractTerm = { start: "2026-01-01", end: "2026-12-31" };
const october = { from: "2026-10-01", to: "2026-10-31" };

type CpmLineInput = NonNullable<ContractTermsInput["cpmLines"]>[number];
type FeeInput = NonNullable<ContractTermsInput["recurringFees"]>[number];

const perMille = (ratePerThousand: string) => ({ model: "perMille", ratePerThousand }) as const;
const override = (model: object) => ({ source: "OVERRIDE", model }) as CpmLineInput["pricing"];
/** The Sports line at a 10.00 CPM, lower of both sources, no limits; tests change what they are about. */
const sports = (fields: Partial<CpmLineInput> = {}): CpmLineInput => ({ key: "sports", name: "Sports", inventoryType: "display", pricing: override(perMille("10")), ...fields });
const platformFee = (fields: Partial<FeeInput> = {}): FeeInput => ({ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY", ...fields });

const version = (number: number, effectiveFrom: string, terms: ContractTermsInput): ApprovedVersion<ContractTerms> => ({ id: `ver-${number}`, number, effectiveFrom, terms: ZContractTerms.parse(terms) });
const v1 = (terms: ContractTermsInput) => version(1, "2026-01-01", terms);

/** The same counts every day from `from` to `to`. */
function everyDay(from: string, to: string, firstParty: number | null, thirdParty: number | null = firstParty, lineKey = "sports"): DeliveryDay[] {
  return eachDay({ from, to }).map((day) => ({ lineKey, day, firstParty, thirdParty }));
}

function draftFor(input: Partial<CpmPeriodInput> & { term?: ContractTerm; roundingMode?: "HALF_UP" | "HALF_EVEN" }): PeriodDraft {
  const { term = year2026, roundingMode = "HALF_UP", ...rest } = input;
  return priceCpmPeriod({ contract: { number: "C-2026-0001", currency: "USD", roundingMode, term }, period: october, versions: [], rateCards: {}, delivery: [], ...rest });
}

/** Lines as [key, amount] pairs, for compact expectations. */
const amounts = (draft: PeriodDraft) => draft.lines.map((l) => [l.key, l.amount]);
const lineOf = (draft: PeriodDraft, key: string): DraftLine => {
  const line = draft.lines.find((l) => l.key === key);
  if (!line) throw new Error(`No line ${key} among ${draft.lines.map((l) => l.key).join(", ")}`);
  return line;
};
const traceOf = <K extends DraftLine["trace"]["kind"]>(line: DraftLine, kind: K) => {
  if (line.trace.kind !== kind) throw new Error(`Expected a ${kind} trace`);
  return line.trace as Extract<DraftLine["trace"], { kind: K }>;
};

describe("a CPM line over a full month", () => {
  // 100,000 impressions a day from both sources × 31 days = 3,100,000; at 12.50 CPM: 3,100,000 × 12.50 ÷ 1000 = 38,750.
  const draft = draftFor({ versions: [v1({ cpmLines: [sports({ pricing: override(perMille("12.50")) })] })], delivery: everyDay("2026-10-01", "2026-10-31", 100_000) });

  it("bills impressions × rate ÷ 1000 as one line", () => {
    expect(draft.lines).toHaveLength(1);
    expect(draft.lines[0]).toMatchObject({
      key: "cpm:sports:v1:2026-10-01",
      kind: "CPM",
      lineKey: "sports",
      description: "Sports — 3,100,000 impressions, 1–31 Oct (v1)",
      quantity: "3100000",
      unrounded: "38750",
      amount: "38750.00",
    });
    expect(draft.total).toBe("38750.00");
  });

  it("traces the terms, the model, the engine's breakdown and the impressions", () => {
    expect(draft.lines[0].trace).toMatchObject({
      kind: "CPM",
      versionId: "ver-1",
      versionNumber: 1,
      from: "2026-10-01",
      to: "2026-10-31",
      pricing: { source: "OVERRIDE" },
      model: { model: "perMille", ratePerThousand: "12.50" },
      billableSource: "LOWER_OF_BOTH",
      impressions: { firstParty: 3_100_000, thirdParty: 3_100_000, billable: 3_100_000 },
      cumulativeImpressions: { before: 0, through: 3_100_000 },
      priceBefore: null,
      priceThrough: { amount: "38750", breakdown: [{ kind: "perMille", units: "3100000", ratePerThousand: "12.5", amount: "38750" }] },
      uncappedUnrounded: "38750",
      capped: false,
    });
  });

  it("charts every day with the amount so far: 1,250 a day (100,000 × 12.50 ÷ 1000)", () => {
    expect(draft.days).toHaveLength(31);
    expect(draft.days[0]).toEqual({ lineKey: "sports", day: "2026-10-01", firstParty: 100_000, thirdParty: 100_000, billable: 100_000, cumulativeAmount: "1250" });
    expect(draft.days[9].cumulativeAmount).toBe("12500");
    expect(draft.days[30].cumulativeAmount).toBe("38750");
    expect(draft.flags).toEqual([]);
  });

  it("still shows a line with no delivery, at 0.00, so finance sees it", () => {
    const empty = draftFor({ versions: [v1({ cpmLines: [sports()] })] });
    expect(amounts(empty)).toEqual([["cpm:sports:v1:2026-10-01", "0.00"]]);
    expect(empty.lines[0].quantity).toBe("0");
    expect(empty.total).toBe("0.00");
  });
});

describe("billable impressions follow the line's billable source, day by day", () => {
  // Oct 1: first party 40,000, third party 36,000. Oct 2: first party 30,000, third party 33,000.
  const delivery: DeliveryDay[] = [
    { lineKey: "sports", day: "2026-10-01", firstParty: 40_000, thirdParty: 36_000 },
    { lineKey: "sports", day: "2026-10-02", firstParty: 30_000, thirdParty: 33_000 },
  ];
  const billed = (billableSource: "FIRST_PARTY" | "THIRD_PARTY" | "LOWER_OF_BOTH", rows = delivery) => {
    const line = draftFor({ versions: [v1({ cpmLines: [sports({ billableSource })] })], delivery: rows }).lines[0];
    return [line.quantity, line.amount];
  };

  it.each([
    // 40,000 + 30,000 = 70,000 × 10 ÷ 1000 = 700
    ["FIRST_PARTY", "70000", "700.00"],
    // 36,000 + 33,000 = 69,000 → 690
    ["THIRD_PARTY", "69000", "690.00"],
    // the lower each day, not of the totals: 36,000 + 30,000 = 66,000 → 660 (the lower total would be 69,000)
    ["LOWER_OF_BOTH", "66000", "660.00"],
  ] as const)("%s bills %s impressions: %s", (source, quantity, amount) => {
    expect(billed(source)).toEqual([quantity, amount]);
  });

  it("counts a source that sent nothing as 0: lower of both bills nothing until both have reported", () => {
    const firstPartyOnly = everyDay("2026-10-01", "2026-10-10", 50_000, null);
    expect(billed("LOWER_OF_BOTH", firstPartyOnly)).toEqual(["0", "0.00"]);
    expect(billed("FIRST_PARTY", firstPartyOnly)).toEqual(["500000", "5000.00"]);
  });
});

describe("an amendment mid-period", () => {
  it("splits the line at its effective date: each segment at its own rate, on its own days", () => {
    // v1: 10.00 CPM; v2 from Oct 15: 12.00 CPM. 10,000 impressions a day.
    // Oct 1–14: 14 days × 10,000 = 140,000 × 10 ÷ 1000 = 1,400.   Oct 15–31: 17 days × 10,000 = 170,000 × 12 ÷ 1000 = 2,040.
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports()] }), version(2, "2026-10-15", { cpmLines: [sports({ pricing: override(perMille("12")) })] })],
      delivery: everyDay("2026-10-01", "2026-10-31", 10_000),
    });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "1400.00"],
      ["cpm:sports:v2:2026-10-15", "2040.00"],
    ]);
    expect(draft.lines.map((l) => [l.quantity, l.trace.kind === "CPM" && [l.trace.from, l.trace.to, l.trace.versionId]])).toEqual([
      ["140000", ["2026-10-01", "2026-10-14", "ver-1"]],
      ["170000", ["2026-10-15", "2026-10-31", "ver-2"]],
    ]);
    expect(draft.lines[1].description).toBe("Sports — 170,000 impressions, 15–31 Oct (v2)");
    expect(draft.total).toBe("3440.00");
  });

  it("fills graduated tiers over the whole period, so the second segment starts where the first left off", () => {
    // Tier 1: up to 100,000 at 0.01 each, plus a 50.00 flat fee. Tier 2: beyond, at 0.005 (v1) or 0.004 (v2 from Oct 15).
    // 5,000 impressions a day: Oct 1–14 = 70,000; Oct 15–31 = 85,000; 155,000 in the period.
    const tiers = (beyond: string) => override({ model: "graduated", tiers: [{ upTo: "100000", unitPrice: "0.01", flatFee: "50" }, { upTo: null, unitPrice: beyond }] });
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports({ pricing: tiers("0.005") })] }), version(2, "2026-10-15", { cpmLines: [sports({ pricing: tiers("0.004") })] })],
      delivery: everyDay("2026-10-01", "2026-10-31", 5_000),
    });
    // Segment 1 = price(v1, 70,000) = 70,000 × 0.01 + 50 = 750.
    // Segment 2 = price(v2, 155,000) − price(v2, 70,000) = (100,000 × 0.01 + 50 + 55,000 × 0.004) − 750 = 1,270 − 750 = 520:
    // 30,000 more in tier 1 (300) and 55,000 in tier 2 (220); the flat fee is not billed again.
    // (Priced from zero, segment 2 would have been 85,000 × 0.01 + 50 = 900.)
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "750.00"],
      ["cpm:sports:v2:2026-10-15", "520.00"],
    ]);
    expect(traceOf(draft.lines[1], "CPM")).toMatchObject({ cumulativeImpressions: { before: 70_000, through: 155_000 }, priceBefore: { amount: "750" }, priceThrough: { amount: "1270" } });
    expect(draft.total).toBe("1270.00");
  });

  it("bills a first-tier flat fee once even when the first segment delivered nothing", () => {
    // Tiers: up to 100,000 at 0.01 each + 50.00 flat, then 0.005. v2 from Oct 15 changes only the billable source.
    // Oct 1–14: nothing = price(0) = 50 (the flat fee).   Oct 15–31: 85,000 → price(85,000) − price(0) = 900 − 50 = 850.
    const pricing = override({ model: "graduated", tiers: [{ upTo: "100000", unitPrice: "0.01", flatFee: "50" }, { upTo: null, unitPrice: "0.005" }] });
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports({ pricing })] }), version(2, "2026-10-15", { cpmLines: [sports({ pricing, billableSource: "FIRST_PARTY" })] })],
      delivery: everyDay("2026-10-15", "2026-10-31", 5_000),
    });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "50.00"],
      ["cpm:sports:v2:2026-10-15", "850.00"],
    ]);
    // 900 in all: exactly price(85,000) under one set of terms.
    expect(draft.total).toBe("900.00");
  });

  it("ignores delivery for a line the terms in force that day do not have", () => {
    // v2 from Oct 15 drops the line: only Oct 1–14 is billed, 14 × 10,000 × 10 ÷ 1000 = 1,400.
    const draft = draftFor({ versions: [v1({ cpmLines: [sports()] }), version(2, "2026-10-15", {})], delivery: everyDay("2026-10-01", "2026-10-31", 10_000) });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "1400.00"]]);
    expect(draft.days.map((d) => d.day).at(-1)).toBe("2026-10-14");
  });
});

describe("rate card prices", () => {
  const standard = (number: number, effectiveFrom: string, ratePerThousand: string): RateCardVersion => ({
    id: `std-${number}`,
    number,
    effectiveFrom,
    entries: ZRateCardEntries.parse([{ key: "sports", name: "Sports", model: perMille(ratePerThousand) }]),
  });
  // Standard v1 from Jan 1 at 10.00 CPM; v2 from Oct 20 at 15.00 CPM. 10,000 impressions a day.
  const rateCards = { Standard: [standard(1, "2026-01-01", "10"), standard(2, "2026-10-20", "15")] };
  const fromCard = (pinnedVersion: number | null) => ({ source: "RATE_CARD", rateCard: "Standard", entry: "sports", pinnedVersion }) as const;
  const delivery = everyDay("2026-10-01", "2026-10-31", 10_000);

  it("follow the card version in force each day when unpinned: a price change mid-month splits the line", () => {
    // Oct 1–19: 190,000 × 10 ÷ 1000 = 1,900.   Oct 20–31: 120,000 × 15 ÷ 1000 = 1,800.
    const draft = draftFor({ versions: [v1({ cpmLines: [sports({ pricing: fromCard(null) })] })], rateCards, delivery });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "1900.00"],
      ["cpm:sports:v1:2026-10-20", "1800.00"],
    ]);
    expect(draft.lines[1].description).toBe("Sports — 120,000 impressions, 20–31 Oct (v1, Standard v2)");
    expect(draft.lines[1].trace).toMatchObject({ pricing: { source: "RATE_CARD", rateCard: "Standard", entry: "sports", rateCardVersionId: "std-2", rateCardVersion: 2, pinned: false } });
  });

  it("stay on the pinned version all month", () => {
    // 310,000 × 10 ÷ 1000 = 3,100.
    const draft = draftFor({ versions: [v1({ cpmLines: [sports({ pricing: fromCard(1) })] })], rateCards, delivery });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "3100.00"]]);
    expect(draft.lines[0].trace).toMatchObject({ pricing: { rateCardVersion: 1, pinned: true } });
  });

  it("flag the days they cannot price and bill the rest, without throwing", () => {
    // The card's first version takes effect Oct 10: Oct 1–9 have no price. Oct 10–31: 220,000 × 15 ÷ 1000 = 3,300.
    const draft = draftFor({ versions: [v1({ cpmLines: [sports({ pricing: fromCard(null) })] })], rateCards: { Standard: [standard(1, "2026-10-10", "15")] }, delivery });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-10", "3300.00"]]);
    expect(draft.flags).toEqual([{ kind: "MISSING_PRICE", lineKey: "sports", day: "2026-10-01", message: "Rate card “Standard” has no version in force yet: 1–9 Oct not billed" }]);
    // The chart still shows the unpriced days, at no amount.
    expect(draft.days[8]).toMatchObject({ day: "2026-10-09", billable: 10_000, cumulativeAmount: "0" });
  });

  it("flag an unknown card, a missing pinned version and a missing entry", () => {
    const messages = (pricing: CpmLineInput["pricing"]) => draftFor({ versions: [v1({ cpmLines: [sports({ pricing })] })], rateCards, delivery }).flags.map((f) => f.kind === "MISSING_PRICE" && f.message);
    expect(messages({ source: "RATE_CARD", rateCard: "Premium", entry: "sports" })).toEqual(["No rate card “Premium”: 1–31 Oct not billed"]);
    expect(messages(fromCard(7))).toEqual(["Rate card “Standard” has no version 7: 1–31 Oct not billed"]);
    expect(messages({ source: "RATE_CARD", rateCard: "Standard", entry: "news" })).toEqual(["Rate card “Standard” v1 has no entry “news”: 1–19 Oct not billed", "Rate card “Standard” v2 has no entry “news”: 20–31 Oct not billed"]);
  });
});

describe("period cap", () => {
  // 20,000 impressions a day. v1: 10.00 CPM = 200 a day; v2 from Oct 15: 12.00 CPM = 240 a day. Cap 5,000 in both.
  const capped = (rate: string) => sports({ pricing: override(perMille(rate)), periodCap: "5000" });
  const draft = draftFor({ versions: [v1({ cpmLines: [capped("10")] }), version(2, "2026-10-15", { cpmLines: [capped("12")] })], delivery: everyDay("2026-10-01", "2026-10-31", 20_000) });

  it("is reached on the first day the running amount passes it", () => {
    // Oct 1–14: 14 × 200 = 2,800. Then 240 a day: Oct 23 = 2,800 + 9 × 240 = 4,960; Oct 24 = 5,200 > 5,000.
    expect(draft.days.find((d) => d.day === "2026-10-23")?.cumulativeAmount).toBe("4960");
    // Uncapped: 2,800 + 17 × 240 = 6,880; billed 5,000; remainder 1,880.
    expect(draft.flags).toEqual([{ kind: "PERIOD_CAP_REACHED", lineKey: "sports", reachedOn: "2026-10-24", uncapped: "6880", billed: "5000", remainder: "1880" }]);
  });

  it("holds the segments to the cap, taking the excess off the last one", () => {
    // Segment 1 keeps its 2,800; segment 2 drops from 4,080 to 5,000 − 2,800 = 2,200.
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "2800.00"],
      ["cpm:sports:v2:2026-10-15", "2200.00"],
    ]);
    expect(draft.lines[1].trace).toMatchObject({ uncappedUnrounded: "4080", capped: true, limits: { periodCap: "5000" } });
    expect(draft.lines[1].description).toBe("Sports — 340,000 impressions, 15–31 Oct (v2), capped");
    expect(draft.total).toBe("5000.00");
  });

  it("allocates the cap in whole cents, so the rounded lines add up to the cap", () => {
    // 1,000 a day. v1 at 10.0375: 14 × 10.0375 = 140.525 (→ 140.53). v2 at 12.00 from Oct 15: 17 × 12 = 204, held to
    // 300 − 140.525 = 159.475, which alone would round to 159.48 and put the lines at 300.01. Held to 300 − 140.53.
    const lines = [v1({ cpmLines: [sports({ pricing: override(perMille("10.0375")), periodCap: "300" })] }), version(2, "2026-10-15", { cpmLines: [sports({ pricing: override(perMille("12")), periodCap: "300" })] })];
    const split = draftFor({ versions: lines, delivery: everyDay("2026-10-01", "2026-10-31", 1_000) });
    expect(amounts(split)).toEqual([
      ["cpm:sports:v1:2026-10-01", "140.53"],
      ["cpm:sports:v2:2026-10-15", "159.47"],
    ]);
    expect(split.lines.map((l) => l.unrounded)).toEqual(["140.525", "159.47"]);
    expect(split.total).toBe("300.00");
  });

  it("is not reached when the amount only equals it", () => {
    // 31 × 200 = 6,200 = the cap exactly.
    const exact = draftFor({ versions: [v1({ cpmLines: [sports({ periodCap: "6200" })] })], delivery: everyDay("2026-10-01", "2026-10-31", 20_000) });
    expect(exact.flags).toEqual([]);
    expect(amounts(exact)).toEqual([["cpm:sports:v1:2026-10-01", "6200.00"]]);
  });
});

describe("lifetime budget", () => {
  it("bills only what is left after earlier periods", () => {
    // Budget 50,000, 48,500 billed before: 1,500 left. 10,000 a day at 10.00 CPM = 100 a day; Oct 16 reaches 1,600 > 1,500.
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports({ lifetimeBudget: "50000" })] })],
      delivery: everyDay("2026-10-01", "2026-10-31", 10_000),
      prior: [{ lineKey: "sports", lifetimeBilled: "48500", commitmentPeriodBilled: "0" }],
    });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "1500.00"]]);
    // Uncapped 31 × 100 = 3,100; remainder 3,100 − 1,500 = 1,600.
    expect(draft.flags).toEqual([{ kind: "LIFETIME_BUDGET_REACHED", lineKey: "sports", reachedOn: "2026-10-16", uncapped: "3100", billed: "1500", remainder: "1600" }]);
    expect(draft.lines[0].trace).toMatchObject({ limits: { lifetimeBudget: "50000", lifetimeBilledBefore: "48500" } });
  });

  it("bills nothing once spent, flagging the first day with delivery", () => {
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports({ lifetimeBudget: "50000" })] })],
      delivery: everyDay("2026-10-05", "2026-10-06", 10_000),
      prior: [{ lineKey: "sports", lifetimeBilled: "50000", commitmentPeriodBilled: "0" }],
    });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "0.00"]]);
    expect(draft.flags).toMatchObject([{ kind: "LIFETIME_BUDGET_REACHED", reachedOn: "2026-10-05", uncapped: "200", billed: "0", remainder: "200" }]);
  });
});

describe("discrepancy between first- and third-party counts", () => {
  const flagsFor = (firstParty: number, thirdParty: number) =>
    draftFor({ versions: [v1({ cpmLines: [sports()] })], delivery: [{ lineKey: "sports", day: "2026-10-01", firstParty, thirdParty }] });

  it("is not flagged at exactly the threshold: |1,000,000 − 900,000| ÷ 1,000,000 = 10%", () => {
    expect(flagsFor(1_000_000, 900_000).flags).toEqual([]);
  });

  it("is flagged just above it, and the line is still priced: 100,100 ÷ 1,000,000 = 10.01%", () => {
    const draft = flagsFor(1_000_000, 899_900);
    expect(draft.flags).toEqual([{ kind: "DISCREPANCY", lineKey: "sports", firstParty: 1_000_000, thirdParty: 899_900, percent: "10.01", threshold: "10" }]);
    // Lower of both: 899,900 × 10 ÷ 1000 = 8,999.
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "8999.00"]]);
  });

  it("is flagged when only the third party counted anything", () => {
    expect(flagsFor(0, 5_000).flags).toEqual([{ kind: "DISCREPANCY", lineKey: "sports", firstParty: 0, thirdParty: 5_000, percent: "100", threshold: "10" }]);
  });

  it("uses the threshold of the line's last terms in the period", () => {
    // 12% apart: flagged under v1's 10%, not under v2's 15% in force at the end of the month.
    const delivery = [{ lineKey: "sports", day: "2026-10-01", firstParty: 100_000, thirdParty: 88_000 }];
    const draft = draftFor({ versions: [v1({ cpmLines: [sports()] }), version(2, "2026-10-15", { cpmLines: [sports({ discrepancyThresholdPercent: "15" })] })], delivery });
    expect(draft.flags).toEqual([]);
  });
});

describe("minimum commitment", () => {
  // 10,000 a day × 31 days at 10.00 CPM = 3,100 of CPM in October.
  const delivery = everyDay("2026-10-01", "2026-10-31", 10_000);
  const committed = (amount: string, period: "MONTHLY" | "QUARTERLY" | "TERM", fields: Partial<CpmLineInput> = {}) => [v1({ cpmLines: [sports({ minimumCommitment: { amount, period }, ...fields })] })];

  it("bills the monthly shortfall as a true-up: 5,000 − 3,100 = 1,900", () => {
    const draft = draftFor({ versions: committed("5000", "MONTHLY"), delivery });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "3100.00"],
      ["true-up:sports:2026-10-01", "1900.00"],
    ]);
    expect(draft.lines[1]).toMatchObject({ kind: "MINIMUM_TRUE_UP", description: "Sports — minimum commitment true-up, 1–31 Oct: committed 5,000.00, billed 3,100.00" });
    expect(draft.lines[1].trace).toEqual({
      kind: "MINIMUM_TRUE_UP",
      versionId: "ver-1",
      versionNumber: 1,
      commitment: { amount: "5000", period: "MONTHLY" },
      from: "2026-10-01",
      to: "2026-10-31",
      committed: "5000",
      proration: null,
      billedBefore: "0",
      billedThisPeriod: "3100",
      shortfall: "1900",
    });
    expect(draft.total).toBe("5000.00");
  });

  it("bills no true-up when delivery exceeds the commitment", () => {
    expect(amounts(draftFor({ versions: committed("3000", "MONTHLY"), delivery }))).toEqual([["cpm:sports:v1:2026-10-01", "3100.00"]]);
  });

  it("counts the capped amount, not the uncapped one", () => {
    // Cap 2,000 holds CPM to 2,000; commitment 2,500 → true-up 500.
    expect(amounts(draftFor({ versions: committed("2500", "MONTHLY", { periodCap: "2000" }), delivery }))).toEqual([
      ["cpm:sports:v1:2026-10-01", "2000.00"],
      ["true-up:sports:2026-10-01", "500.00"],
    ]);
  });

  it("prorates the monthly commitment in a month the term only partly covers", () => {
    // The term starts Oct 10: 22 of October's 31 days. 3,100 × 22 ÷ 31 = 2,200 committed; nothing delivered.
    const draft = draftFor({ versions: [version(1, "2026-10-10", { cpmLines: [sports({ minimumCommitment: { amount: "3100", period: "MONTHLY" } })] })], term: { start: "2026-10-10", end: "2027-10-09" } });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-10", "0.00"],
      ["true-up:sports:2026-10-10", "2200.00"],
    ]);
    expect(draft.lines[1].trace).toMatchObject({ from: "2026-10-10", to: "2026-10-31", committed: "2200", proration: { days: 22, outOf: 31 } });
  });

  it("trues up a quarterly commitment only in the quarter's last month, counting what was billed earlier in the quarter", () => {
    // 12,000 a quarter from the Jan 1 term start: Jul 1–Sep 30 is a quarter. 10,000 a day × 30 days at 10.00 = 3,000 in September.
    const versions = committed("12000", "QUARTERLY");
    const inMonth = (from: string, to: string, commitmentPeriodBilled: string) =>
      amounts(draftFor({ versions, period: { from, to }, delivery: everyDay(from, to, 10_000), prior: [{ lineKey: "sports", lifetimeBilled: "0", commitmentPeriodBilled }] }));
    expect(inMonth("2026-08-01", "2026-08-31", "3100")).toEqual([["cpm:sports:v1:2026-08-01", "3100.00"]]);
    // September: 12,000 − (6,200 billed in July and August + 3,000) = 2,800.
    expect(inMonth("2026-09-01", "2026-09-30", "6200")).toEqual([
      ["cpm:sports:v1:2026-09-01", "3000.00"],
      ["true-up:sports:2026-07-01", "2800.00"],
    ]);
    expect(inMonth("2026-10-01", "2026-10-31", "0")).toEqual([["cpm:sports:v1:2026-10-01", "3100.00"]]);
  });

  it("finds commitment periods: months, quarters from the term start, and the term cut short by termination", () => {
    const term = { start: "2026-01-15", end: "2026-12-31", terminatedOn: "2026-11-20" };
    const ranges = (period: "MONTHLY" | "QUARTERLY" | "TERM", from: string, to: string) =>
      commitmentPeriodsEndingIn({ amount: "900", period }, term, { from, to }).map((p) => [p.from, p.to, p.committed.toDecimalPlaces(10).toFixed(), p.proration]);
    expect(ranges("QUARTERLY", "2026-04-01", "2026-04-30")).toEqual([["2026-01-15", "2026-04-14", "900", null]]);
    // The last quarter (Oct 15–Jan 14) is cut at Nov 20: 37 of its 92 days, 900 × 37 ÷ 92 = 361.9565217391…
    expect(ranges("QUARTERLY", "2026-11-01", "2026-11-30")).toEqual([["2026-10-15", "2026-11-20", "361.9565217391", { days: 37, outOf: 92 }]]);
    // November is cut at the 20th: 900 × 20 ÷ 30 = 600.
    expect(ranges("MONTHLY", "2026-11-01", "2026-11-30")).toEqual([["2026-11-01", "2026-11-20", "600", { days: 20, outOf: 30 }]]);
    expect(ranges("TERM", "2026-10-01", "2026-10-31")).toEqual([]);
    expect(ranges("TERM", "2026-11-01", "2026-11-30")).toEqual([["2026-01-15", "2026-11-20", "900", null]]);
  });
});

describe("agency commission", () => {
  it("is a negative line on the CPM billed plus any true-up", () => {
    // CPM 3,100 (310,000 × 10 ÷ 1000) + true-up 1,900 (5,000 − 3,100) = 5,000 × 15% = 750, credited.
    const draft = draftFor({
      versions: [v1({ cpmLines: [sports({ agencyCommissionPercent: "15", minimumCommitment: { amount: "5000", period: "MONTHLY" } })] })],
      delivery: everyDay("2026-10-01", "2026-10-31", 10_000),
    });
    expect(amounts(draft)).toEqual([
      ["cpm:sports:v1:2026-10-01", "3100.00"],
      ["true-up:sports:2026-10-01", "1900.00"],
      ["commission:sports", "-750.00"],
    ]);
    expect(lineOf(draft, "commission:sports")).toMatchObject({ kind: "AGENCY_COMMISSION", description: "Sports — agency commission 15% of 5,000.00", quantity: "5000" });
    expect(lineOf(draft, "commission:sports").trace).toEqual({
      kind: "AGENCY_COMMISSION",
      base: "5000",
      parts: [
        { draftLineKey: "cpm:sports:v1:2026-10-01", base: "3100", percent: "15", amount: "-465" },
        { draftLineKey: "true-up:sports:2026-10-01", base: "1900", percent: "15", amount: "-285" },
      ],
    });
    // 3,100 + 1,900 − 750 = 4,250.
    expect(draft.total).toBe("4250.00");
  });

  it("is absent without a commission percent", () => {
    const draft = draftFor({ versions: [v1({ cpmLines: [sports()] })], delivery: everyDay("2026-10-01", "2026-10-31", 10_000) });
    expect(draft.lines.map((l) => l.kind)).toEqual(["CPM"]);
  });
});

describe("recurring fees", () => {
  it("bills a monthly fee in full for a full month: 1,000 × 31 ÷ 31", () => {
    const draft = draftFor({ versions: [v1({ recurringFees: [platformFee()] })] });
    expect(draft.lines).toEqual([
      {
        key: "fee:platform:v1:2026-10-01",
        kind: "RECURRING_FEE",
        lineKey: "platform",
        description: "Platform fee — 1–31 Oct, 31/31 days (v1)",
        quantity: "31",
        unrounded: "1000",
        amount: "1000.00",
        trace: { kind: "RECURRING_FEE", versionId: "ver-1", versionNumber: 1, feeKey: "platform", monthlyAmount: "1000", from: "2026-10-01", to: "2026-10-31", days: 31, daysInMonth: 31 },
      },
    ]);
  });

  it("prorates the first month of a term starting on the 10th: 1,000 × 22 ÷ 31 = 709.677… → 709.68", () => {
    const draft = draftFor({ versions: [version(1, "2026-10-10", { recurringFees: [platformFee()] })], term: { start: "2026-10-10", end: "2027-10-09" } });
    expect(draft.lines[0]).toMatchObject({ quantity: "22", amount: "709.68", description: "Platform fee — 10–31 Oct, 22/31 days (v1)" });
    expect(draft.lines[0].unrounded).toMatch(/^709\.677419354838709677419354838709677/);
  });

  it("splits the month at an amendment changing the fee", () => {
    // v1 1,000 for Oct 1–15: 1,000 × 15 ÷ 31 = 483.870… → 483.87.   v2 1,550 from Oct 16: 1,550 × 16 ÷ 31 = 800.
    const draft = draftFor({ versions: [v1({ recurringFees: [platformFee()] }), version(2, "2026-10-16", { recurringFees: [platformFee({ amount: "1550" })] })] });
    expect(amounts(draft)).toEqual([
      ["fee:platform:v1:2026-10-01", "483.87"],
      ["fee:platform:v2:2026-10-16", "800.00"],
    ]);
    expect(draft.total).toBe("1283.87");
  });

  it("respects the fee's own dates and splits a period spanning months by month", () => {
    // Oct 20–Nov 10, fee ending Nov 5: Oct 20–31 = 1,000 × 12 ÷ 31 = 387.096… → 387.10; Nov 1–5 = 1,000 × 5 ÷ 30 = 166.666… → 166.67.
    const draft = draftFor({ versions: [v1({ recurringFees: [platformFee({ endDate: "2026-11-05" })] })], period: { from: "2026-10-20", to: "2026-11-10" } });
    expect(amounts(draft)).toEqual([
      ["fee:platform:v1:2026-10-20", "387.10"],
      ["fee:platform:v1:2026-11-01", "166.67"],
    ]);
  });

  it("bills a one-off fee once, in the month of the term start, even across an amendment", () => {
    const onboarding = platformFee({ key: "onboarding", name: "Onboarding", amount: "500", frequency: "ONE_OFF" });
    const versions = [version(1, "2026-10-01", { recurringFees: [onboarding] }), version(2, "2026-10-15", { recurringFees: [onboarding] })];
    const term = { start: "2026-10-01", end: "2027-09-30" };
    const draft = draftFor({ versions, term });
    expect(draft.lines).toMatchObject([{ key: "fee:onboarding:v1", kind: "ONE_OFF_FEE", amount: "500.00", quantity: "1", description: "Onboarding — one-off, due 1 Oct (v1)" }]);
    expect(draftFor({ versions, term, period: { from: "2026-11-01", to: "2026-11-30" } }).lines).toEqual([]);
  });

  it("bills a one-off fee added by an amendment on its own start date's month", () => {
    const setup = platformFee({ key: "setup", name: "Setup", amount: "250", frequency: "ONE_OFF", startDate: "2026-10-05" });
    const draft = draftFor({ versions: [v1({}), version(2, "2026-10-15", { recurringFees: [setup] })] });
    expect(amounts(draft)).toEqual([["fee:setup:v2", "250.00"]]);
  });
});

describe("the timeline", () => {
  it("ignores days outside the term: a term of Oct 10–20 bills 11 days", () => {
    // 11 × 10,000 = 110,000 × 10 ÷ 1000 = 1,100; delivery for a line the contract does not have is ignored too.
    const draft = draftFor({
      versions: [version(1, "2026-10-10", { cpmLines: [sports()] })],
      term: { start: "2026-10-10", end: "2026-10-20" },
      delivery: [...everyDay("2026-10-01", "2026-10-31", 10_000), ...everyDay("2026-10-01", "2026-10-31", 10_000, 10_000, "news")],
    });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-10", "1100.00"]]);
    expect([draft.days[0].day, draft.days.at(-1)?.day, draft.days.length]).toEqual(["2026-10-10", "2026-10-20", 11]);
  });

  it("stops at an early termination", () => {
    // Terminated Oct 5: 5 days × 10,000 × 10 ÷ 1000 = 500.
    const draft = draftFor({ versions: [v1({ cpmLines: [sports()] })], term: { ...year2026, terminatedOn: "2026-10-05" }, delivery: everyDay("2026-10-01", "2026-10-31", 10_000) });
    expect(amounts(draft)).toEqual([["cpm:sports:v1:2026-10-01", "500.00"]]);
  });

  it("gives an empty draft outside the term", () => {
    expect(draftFor({ versions: [v1({ cpmLines: [sports()], recurringFees: [platformFee()] })], period: { from: "2027-01-01", to: "2027-01-31" } })).toEqual({ lines: [], total: "0.00", flags: [], days: [] });
  });
});

describe("rounding", () => {
  it("rounds each line once and totals the rounded lines", () => {
    // Three lines of 1 impression at 5.00 CPM = 0.005 each → 0.01 each; the total is 0.03 (rounding their sum, 0.015, would give 0.02).
    const line = (key: string) => sports({ key, name: key, pricing: override(perMille("5")) });
    const draft = draftFor({
      versions: [v1({ cpmLines: [line("a"), line("b"), line("c")] })],
      delivery: ["a", "b", "c"].map((lineKey) => ({ lineKey, day: "2026-10-01", firstParty: 1, thirdParty: 1 })),
    });
    expect(draft.lines.map((l) => [l.unrounded, l.amount])).toEqual([
      ["0.005", "0.01"],
      ["0.005", "0.01"],
      ["0.005", "0.01"],
    ]);
    expect(draft.total).toBe("0.03");
  });

  it("follows the contract's mode on a .xx5 line: 25 impressions at 5.00 CPM = 0.125", () => {
    const input = { versions: [v1({ cpmLines: [sports({ pricing: override(perMille("5")) })] })], delivery: [{ lineKey: "sports", day: "2026-10-01", firstParty: 25, thirdParty: 25 }] };
    expect(draftFor({ ...input, roundingMode: "HALF_UP" }).total).toBe("0.13");
    expect(draftFor({ ...input, roundingMode: "HALF_EVEN" }).total).toBe("0.12");
  });

  it("rounds to the currency's minor unit: yen have none", () => {
    // 1,234 impressions at 100 CPM = 123.4 → ¥123.
    const draft = priceCpmPeriod({
      contract: { number: "C-2026-0002", currency: "JPY", roundingMode: "HALF_UP", term: year2026 },
      period: october,
      versions: [v1({ cpmLines: [sports({ pricing: override(perMille("100")) })] })],
      rateCards: {},
      delivery: [{ lineKey: "sports", day: "2026-10-01", firstParty: 1234, thirdParty: 1234 }],
    });
    expect([draft.lines[0].amount, draft.total]).toEqual(["123", "123"]);
  });
});

describe("input it refuses", () => {
  it("throws on a period ending before it starts, an unknown currency, or two rows for one line and day", () => {
    expect(() => draftFor({ period: { from: "2026-10-31", to: "2026-10-01" } })).toThrow(/before it starts/);
    expect(() => priceCpmPeriod({ contract: { number: "C", currency: "XXX", roundingMode: "HALF_UP", term: year2026 }, period: october, versions: [], rateCards: {}, delivery: [] })).toThrow(/currency/);
    const twice = [...everyDay("2026-10-01", "2026-10-01", 1), ...everyDay("2026-10-01", "2026-10-01", 2)];
    expect(() => draftFor({ versions: [v1({ cpmLines: [sports()] })], delivery: twice })).toThrow(/Two delivery rows/);
    expect(() => draftFor({ delivery: everyDay("2026-10-01", "2026-10-01", 1.5) })).toThrow(/Impossible/);
  });
});

describe("determinism", () => {
  it("gives the same draft for the same input, line for line", () => {
    const input: Partial<CpmPeriodInput> = {
      versions: [
        v1({ recurringFees: [platformFee()], cpmLines: [sports({ periodCap: "2500", agencyCommissionPercent: "10", minimumCommitment: { amount: "3000", period: "MONTHLY" } })] }),
        version(2, "2026-10-12", { recurringFees: [platformFee({ amount: "1200" })], cpmLines: [sports({ pricing: override(perMille("11")), periodCap: "2500" })] }),
      ],
      delivery: everyDay("2026-10-01", "2026-10-31", 9_000, 8_500),
    };
    expect(draftFor(input)).toEqual(draftFor(input));
    expect(draftFor({ ...input, versions: [...input.versions!].reverse() })).toEqual(draftFor(input));
  });
});

describe("dayRange", () => {
  it("names a range as a person writes it", () => {
    expect(dayRange({ from: "2026-10-01", to: "2026-10-14" })).toBe("1–14 Oct");
    expect(dayRange({ from: "2026-09-28", to: "2026-10-03" })).toBe("28 Sep–3 Oct");
    expect(dayRange({ from: "2026-12-28", to: "2027-01-03" })).toBe("28 Dec 2026–3 Jan 2027");
    expect(dayRange({ from: "2026-10-05", to: "2026-10-05" })).toBe("5 Oct");
  });
});

describe("properties", () => {
  const D = Decimal.clone({ precision: 100 });
  const count = fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: null, freq: 8 });
  const cents = (min: number, max: number) => fc.integer({ min, max }).map((n) => new D(n).div(100).toFixed());
  const scenario = fc.record({
    rates: fc.tuple(cents(1, 5_000), cents(1, 5_000)),
    amendmentDay: fc.integer({ min: 2, max: 31 }),
    periodCap: fc.option(cents(1, 3_000_000), { nil: null }),
    billableSource: fc.constantFrom("FIRST_PARTY", "THIRD_PARTY", "LOWER_OF_BOTH" as const),
    fee: cents(1, 1_000_000),
    counts: fc.array(fc.tuple(count, count), { minLength: 31, maxLength: 31 }),
    roundingMode: fc.constantFrom("HALF_UP", "HALF_EVEN" as const),
  });

  const draftOf = (s: typeof scenario extends fc.Arbitrary<infer T> ? T : never) => {
    const line = (rate: string) => sports({ pricing: override(perMille(rate)), periodCap: s.periodCap, billableSource: s.billableSource, agencyCommissionPercent: "12.5" });
    const amendedOn = `2026-10-${String(s.amendmentDay).padStart(2, "0")}`;
    return draftFor({
      roundingMode: s.roundingMode,
      versions: [v1({ recurringFees: [platformFee({ amount: s.fee })], cpmLines: [line(s.rates[0])] }), version(2, amendedOn, { recurringFees: [platformFee({ amount: s.fee })], cpmLines: [line(s.rates[1])] })],
      delivery: s.counts.map(([firstParty, thirdParty], i) => ({ lineKey: "sports", day: `2026-10-${String(i + 1).padStart(2, "0")}`, firstParty, thirdParty })),
    });
  };

  it("the total is always the sum of the rounded lines", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const draft = draftOf(s);
        expect(draft.total).toBe(draft.lines.reduce((sum, l) => sum.plus(l.amount), new D(0)).toFixed(2));
        for (const l of draft.lines) expect(l.amount).toBe(new D(l.unrounded).toDecimalPlaces(2, s.roundingMode === "HALF_EVEN" ? D.ROUND_HALF_EVEN : D.ROUND_HALF_UP).toFixed(2));
      }),
      { numRuns: 150 },
    );
  });

  it("the CPM lines never add up to more than the period cap, and bill the uncapped amount when under it", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const draft = draftOf(s);
        const cpm = draft.lines.filter((l) => l.kind === "CPM");
        const billed = cpm.reduce((sum, l) => sum.plus(l.unrounded), new D(0));
        const rounded = cpm.reduce((sum, l) => sum.plus(l.amount), new D(0));
        const uncapped = cpm.reduce((sum, l) => sum.plus(traceOf(l, "CPM").uncappedUnrounded), new D(0));
        expect(cpm.every((l) => new D(l.unrounded).gte(0))).toBe(true);
        if (s.periodCap === null || uncapped.lte(s.periodCap)) expect(billed.eq(uncapped)).toBe(true);
        else expect(rounded.toFixed(2)).toBe(new D(s.periodCap).toDecimalPlaces(2, s.roundingMode === "HALF_EVEN" ? D.ROUND_HALF_EVEN : D.ROUND_HALF_UP).toFixed(2));
        expect(draft.flags.some((f) => f.kind === "PERIOD_CAP_REACHED")).toBe(s.periodCap !== null && uncapped.gt(s.periodCap));
      }),
      { numRuns: 150 },
    );
  });
});
