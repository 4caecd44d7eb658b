// Worked examples of a period's CPA lines: every amount can be checked by hand, with the arithmetic beside it.
// Unless a test says otherwise: the term is 2026, the period October 2026, the currency USD, half-up.
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ApprovedVersion, ContractTerm } from "../contracts/effective-terms";
import { ZContractTerms, type ContractTerms, type ContractTermsInput } from "../contracts/terms";
import { conversionPayout, priceCpaPeriod, type BillableConversion, type CpaPeriodInput } from "./cpa-period";
import type { DraftLine } from "./draft-line";
import { explainLine } from "./explain-line";

const year2026: ContractTerm = { start: "2026-01-01", end: "2026-12-31" };
const october = { from: "2026-10-01", to: "2026-10-31" };

type CpaLineInput = NonNullable<ContractTermsInput["cpaLines"]>[number];
type PayoutInput = CpaLineInput["payouts"][number];

/** The Retail line; tests change what they are about. */
const retail = (payouts: PayoutInput[], fields: Partial<CpaLineInput> = {}): CpaLineInput => ({ key: "retail", name: "Retail", payouts, attribution: {}, eligibility: {}, ...fields });
const version = (number: number, effectiveFrom: string, terms: ContractTermsInput): ApprovedVersion<ContractTerms> => ({ id: `ver-${number}`, number, effectiveFrom, terms: ZContractTerms.parse(terms) });
const v1 = (...lines: CpaLineInput[]) => version(1, "2026-01-01", { cpaLines: lines });

let ids = 0;
const conversion = (fields: Partial<BillableConversion> = {}): BillableConversion => ({ id: `c${String(++ids).padStart(4, "0")}`, lineKey: "retail", occurredAt: "2026-10-05T12:00:00.000Z", type: "purchase", value: null, ...fields });
const many = (n: number, fields: Partial<BillableConversion> = {}) => Array.from({ length: n }, (_, i) => conversion({ occurredAt: `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T10:00:00.000Z`, ...fields }));

function draftFor(input: Partial<CpaPeriodInput> & { roundingMode?: "HALF_UP" | "HALF_EVEN" }) {
  const { roundingMode = "HALF_UP", ...rest } = input;
  return priceCpaPeriod({ contract: { number: "C-2026-0001", currency: "USD", roundingMode, term: year2026 }, period: october, versions: [], conversions: [], reversals: [], ...rest });
}
const amounts = (draft: { lines: DraftLine[] }) => draft.lines.map((l) => [l.key, l.amount]);
const sumOf = (values: Iterable<string>) => [...values].reduce((s, v) => s.plus(v), new Decimal(0));

describe("one conversion's payout", () => {
  const line = ZContractTerms.parse({
    cpaLines: [
      retail([
        { conversionType: "purchase", flat: "5", percentOfValue: "10", minPerConversion: "8", maxPerConversion: "30" },
        { conversionType: "signup", flat: "2.50" },
        { conversionType: "app_install", percentOfValue: "12.5" },
      ]),
    ],
  }).cpaLines[0];

  it("is flat + percent of value, held to the minimum and maximum", () => {
    expect(conversionPayout(line, "purchase", "120")).toBe("17"); // 5 + 12 = 17, inside 8–30
    expect(conversionPayout(line, "purchase", "20")).toBe("8"); // 5 + 2 = 7 → the minimum 8
    expect(conversionPayout(line, "purchase", "400")).toBe("30"); // 5 + 40 = 45 → the maximum 30
    expect(conversionPayout(line, "purchase", null)).toBe("8"); // no value: 5 + 0 → 8
  });

  it("is the flat amount alone, or the percentage alone", () => {
    expect(conversionPayout(line, "signup", "999")).toBe("2.5");
    expect(conversionPayout(line, "app_install", "19.99")).toBe("2.49875"); // 19.99 × 12.5 % exactly; rounded only on the line
  });

  it("is null for a type the line does not pay", () => {
    expect(conversionPayout(line, "lead", "10")).toBeNull();
  });
});

describe("CPA lines per type", () => {
  const terms = v1(retail([{ conversionType: "purchase", flat: "5", percentOfValue: "10" }, { conversionType: "signup", flat: "2.50" }]));

  it("bills one line per conversion type: count × payout, with the trace", () => {
    // Purchases: (5 + 10 % × 100) + (5 + 10 % × 35.55) = 15 + 8.555 = 23.555 → 23.56. Signups: 3 × 2.50 = 7.50.
    const draft = draftFor({
      versions: [terms],
      conversions: [conversion({ value: "100" }), conversion({ value: "35.55" }), ...many(3, { type: "signup" })],
    });
    expect(amounts(draft)).toEqual([
      ["cpa:retail:v1:purchase", "23.56"],
      ["cpa:retail:v1:signup", "7.50"],
    ]);
    expect(draft.lines[0]).toMatchObject({ kind: "CPA", quantity: "2", unrounded: "23.555", description: "Retail — 2 purchase conversions (v1)" });
    expect(draft.lines[0].trace).toMatchObject({ kind: "CPA", conversionType: "purchase", conversions: 2, valueSum: "135.55", tiered: false, clamped: { min: 0, max: 0 } });
    expect(draft.total).toBe("31.06");
  });

  it("keeps each conversion's exact amount for partner payouts and later credits", () => {
    const [a, b] = [conversion({ value: "100" }), conversion({ value: "35.55" })];
    const draft = draftFor({ versions: [terms], conversions: [a, b] });
    expect(Object.fromEntries(draft.perConversion)).toEqual({ [a.id]: "15", [b.id]: "8.555" });
  });

  it("counts the conversions the minimum and maximum held", () => {
    const clamped = v1(retail([{ conversionType: "purchase", percentOfValue: "10", minPerConversion: "3", maxPerConversion: "20" }]));
    // 10 → 1 → min 3; 100 → 10; 500 → 50 → max 20. Total 33.
    const draft = draftFor({ versions: [clamped], conversions: ["10", "100", "500"].map((value) => conversion({ value })) });
    expect(draft.lines[0].trace).toMatchObject({ clamped: { min: 1, max: 1 } });
    expect(draft.total).toBe("33.00");
    expect(explainLine(draft.lines[0], "USD", "HALF_UP")).toEqual([
      "Terms version 1: each approved “purchase” conversion pays 10 % of the order value (at least 3.00 USD, at most 20.00 USD per conversion).",
      "3 conversions, order values totalling 610. The minimum held 1, the maximum 1.",
      "Exact 33, rounded once (half-up) to 33.00 USD.",
    ]);
  });

  it("prices each conversion under the terms in force on its day", () => {
    // v2 from Oct 15 raises signups to 4.00: 2 before × 2.50 + 1 after × 4.00.
    const v2 = version(2, "2026-10-15", { cpaLines: [retail([{ conversionType: "signup", flat: "4" }])] });
    const draft = draftFor({
      versions: [v1(retail([{ conversionType: "signup", flat: "2.50" }])), v2],
      conversions: [conversion({ type: "signup", occurredAt: "2026-10-03T00:00:00Z" }), conversion({ type: "signup", occurredAt: "2026-10-14T23:59:59.999Z" }), conversion({ type: "signup", occurredAt: "2026-10-15T00:00:00Z" })],
    });
    expect(amounts(draft)).toEqual([
      ["cpa:retail:v1:signup", "5.00"],
      ["cpa:retail:v2:signup", "4.00"],
    ]);
  });

  it("does not bill a conversion whose line the terms in force no longer pay, and flags it", () => {
    const v2 = version(2, "2026-10-15", { cpaLines: [retail([{ conversionType: "purchase", flat: "5" }])] });
    const draft = draftFor({ versions: [v1(retail([{ conversionType: "signup", flat: "2.50" }])), v2], conversions: [conversion({ type: "signup", occurredAt: "2026-10-20T00:00:00Z" })] });
    expect(draft.lines).toEqual([]);
    expect(draft.flags).toEqual([{ kind: "CPA_LINE_NOT_IN_FORCE", lineKey: "retail", conversions: 1, message: "1 approved conversion on a day whose terms no longer pay for it on this line: not billed" }]);
  });

  it("rounds once per line: half-even on a line ending in half a cent", () => {
    // 3 × 12.5 % × 10.02 = 3 × 1.2525 = 3.7575 → half-up 3.76, half-even 3.76; 1 × 1.2525 → 1.25 both; 0.125 → 0.13 / 0.12.
    const terms = v1(retail([{ conversionType: "purchase", percentOfValue: "12.5" }]));
    expect(draftFor({ versions: [terms], conversions: [conversion({ value: "1" })] }).total).toBe("0.13");
    expect(draftFor({ versions: [terms], conversions: [conversion({ value: "1" })], roundingMode: "HALF_EVEN" }).total).toBe("0.12");
  });

  it("refuses a conversion outside the period", () => {
    expect(() => draftFor({ versions: [terms], conversions: [conversion({ occurredAt: "2026-11-01T00:00:00Z" })] })).toThrow(RangeError);
  });
});

describe("tiered CPA lines", () => {
  // Graduated: conversions 1–10 at 10.00, 11–∞ at 8.00. Purchases also pay 5 % of value.
  const graduated = { model: "graduated", tiers: [{ upTo: "10", unitPrice: "10" }, { upTo: null, unitPrice: "8" }] } as const;
  const volume = { model: "volume", tiers: [{ upTo: "10", unitPrice: "10" }, { upTo: null, unitPrice: "8" }] } as const;
  const tieredLine = (tiered: object) => v1(retail([{ conversionType: "purchase", flat: "99", percentOfValue: "5" }, { conversionType: "signup", flat: "99" }], { tiered: tiered as CpaLineInput["tiered"] }));

  it("graduated: 12 conversions = 10 × 10 + 2 × 8, the flat payouts replaced by the tiers", () => {
    const conversions = [...many(8, { type: "signup" }), ...many(4, { value: "100" })];
    const draft = draftFor({ versions: [tieredLine(graduated)], conversions });
    // Share of value: 4 × 5 % × 100 = 20. Tiers: 100 + 16 = 116. Signups have no share of value: no line of their own.
    expect(amounts(draft)).toEqual([
      ["cpa:retail:v1:purchase", "20.00"],
      ["cpa-tier:retail", "116.00"],
    ]);
    expect(draft.lines[1].trace).toMatchObject({ kind: "CPA_TIER", conversions: 12 });
    expect(draft.total).toBe("136.00");
  });

  it("volume: 12 conversions all at the tier reached, 12 × 8", () => {
    const draft = draftFor({ versions: [tieredLine(volume)], conversions: many(12, { type: "signup" }) });
    expect(amounts(draft)).toEqual([["cpa-tier:retail", "96.00"]]);
  });

  it("shares the tier line among conversions by their marginal price, adding up to it exactly", () => {
    const conversions = many(12, { type: "signup" });
    const draft = draftFor({ versions: [tieredLine(volume)], conversions });
    const shares = conversions.map((c) => draft.perConversion.get(c.id));
    // Volume: 10 × 10 = 100 through the 10th, then 11 × 8 = 88 (−12 for the 11th), 12 × 8 = 96 (+8).
    expect(shares).toEqual(["10", "10", "10", "10", "10", "10", "10", "10", "10", "10", "-12", "8"]);
    expect(sumOf(shares as string[]).toFixed()).toBe("96");
  });
});

describe("late approvals of an invoiced month (rule 6)", () => {
  // November is billed; these conversions occurred in October and were approved after INV-2026-000007 was issued.
  const november = { from: "2026-11-01", to: "2026-11-30" };
  const corrects = { invoiceId: "inv-oct", invoiceNumber: "INV-2026-000007", period: "2026-10" };
  const graduated: CpaLineInput["tiered"] = { model: "graduated", tiers: [{ upTo: "10", unitPrice: "10" }, { upTo: null, unitPrice: "8" }] };

  it("bills them in this period under the terms of their day, each line naming the invoice it completes", () => {
    const terms = [v1(retail([{ conversionType: "purchase", flat: "5" }])), version(2, "2026-11-01", { cpaLines: [retail([{ conversionType: "purchase", flat: "7" }])] })];
    const draft = draftFor({
      period: november,
      versions: terms,
      conversions: [conversion({ occurredAt: "2026-11-03T09:00:00.000Z" })],
      late: [{ corrects, month: october, billedBefore: { retail: 4 }, conversions: [conversion(), conversion()] }],
    });
    // November's own: 1 × 7 (v2). October's late ones priced as October would have: 2 × 5 (v1).
    expect(amounts(draft)).toEqual([
      ["cpa:retail:v2:purchase", "7.00"],
      ["cpa-late:2026-10:retail:v1:purchase", "10.00"],
    ]);
    expect(draft.lines[1].description).toBe("Retail — 2 purchase conversions of October 2026, approved after INV-2026-000007 was issued (v1)");
    expect(draft.lines[1].trace).toMatchObject({ kind: "CPA", versionNumber: 1, conversions: 2, corrects });
    expect(explainLine(draft.lines[1], "USD", "HALF_UP")[0]).toContain("approved after INV-2026-000007 was issued");
    expect(draft.perConversion.size).toBe(3);
    expect(draft.total).toBe("17.00");
  });

  it("goes on up a tiered line's tiers from the month's conversions billed before them", () => {
    const terms = [v1(retail([{ conversionType: "signup", flat: "99" }], { tiered: graduated }))];
    const late = many(3, { type: "signup" });
    const draft = draftFor({ period: november, versions: terms, late: [{ corrects, month: october, billedBefore: { retail: 9 }, conversions: late }] });
    // October billed 9 at 10.00 (90). With 3 more: 10 × 10 + 2 × 8 = 116; the difference, 26, is billed now.
    expect(amounts(draft)).toEqual([["cpa-tier-late:2026-10:retail", "26.00"]]);
    expect(draft.lines[0]).toMatchObject({ quantity: "3", description: "Retail — 3 conversions of October 2026 on volume tiers, after the 9 billed; approved after INV-2026-000007 was issued (v1)" });
    expect(draft.lines[0].trace).toMatchObject({ kind: "CPA_TIER", conversions: 12, corrects: { ...corrects, billedBefore: 9, priceBefore: { amount: "90" } } });
    expect(late.map((c) => draft.perConversion.get(c.id))).toEqual(["10", "8", "8"]);
    expect(explainLine(draft.lines[0], "USD", "HALF_UP")[2]).toBe("Price of 12 (116) minus price of 9 (90):");
  });

  it("refuses a late conversion outside the month it is said to complete", () => {
    const late = [{ corrects, month: october, billedBefore: {}, conversions: [conversion({ occurredAt: "2026-11-02T00:00:00.000Z" })] }];
    expect(() => draftFor({ period: november, versions: [v1(retail([{ conversionType: "purchase", flat: "5" }]))], late })).toThrow(/outside 2026-10-01/);
  });
});

describe("credits for reversed conversions", () => {
  it("credits back exactly what was billed, per line, never re-priced", () => {
    const draft = draftFor({
      versions: [v1(retail([{ conversionType: "purchase", flat: "50" }]))],
      reversals: [
        { id: "r2", lineKey: "retail", billedPeriod: "2026-09", billedAmount: "17.555", reason: "Returned order" },
        { id: "r1", lineKey: "retail", billedPeriod: "2026-08", billedAmount: "12", reason: "Chargeback" },
      ],
    });
    // −(17.555 + 12) = −29.555 → −29.56 (half-up rounds away from zero).
    expect(amounts(draft)).toEqual([["cpa-credit:retail", "-29.56"]]);
    expect(draft.lines[0]).toMatchObject({ kind: "CPA_CREDIT", quantity: "2", description: "retail — credit for 2 reversed conversions billed in 2026-08, 2026-09" });
    expect(explainLine(draft.lines[0], "USD", "HALF_UP")[0]).toBe("Conversion r1, billed 12 in 2026-08, reversed: Chargeback.");
  });
});

describe("properties", () => {
  const terms = v1(retail([{ conversionType: "purchase", flat: "1.25", percentOfValue: "7.5", maxPerConversion: "40" }, { conversionType: "signup", flat: "0.333" }], { tiered: null }));
  const scenario = fc.array(
    fc.record({ type: fc.constantFrom("purchase", "signup"), cents: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }), day: fc.integer({ min: 1, max: 31 }) }),
    { maxLength: 60 },
  );

  it("the total is the sum of rounded lines, and the lines the sum of the per-conversion amounts", () => {
    fc.assert(
      fc.property(scenario, fc.constantFrom("HALF_UP" as const, "HALF_EVEN" as const), (rows, roundingMode) => {
        const conversions = rows.map((r) => conversion({ type: r.type, value: r.cents === null ? null : new Decimal(r.cents).div(100).toFixed(), occurredAt: `2026-10-${String(r.day).padStart(2, "0")}T08:00:00Z` }));
        const draft = draftFor({ versions: [terms], conversions, roundingMode });
        expect(draft.total).toBe(sumOf(draft.lines.map((l) => l.amount)).toFixed(2));
        expect(sumOf(draft.lines.map((l) => l.unrounded)).toFixed()).toBe(sumOf(draft.perConversion.values()).toFixed());
        expect(draft.perConversion.size).toBe(conversions.length);
        // Same input, same draft.
        expect(draftFor({ versions: [terms], conversions: [...conversions].reverse(), roundingMode }).lines).toEqual(draft.lines);
      }),
      { numRuns: 100 },
    );
  });
});
