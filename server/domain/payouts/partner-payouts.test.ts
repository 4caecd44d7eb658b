// Worked examples of what a contract's period owes its partners: every amount can be checked by hand, with the
// arithmetic beside it. Unless a test says otherwise: contract C-2026-0001 in USD, half-up; CPA lines "purchases" and
// "signups", CPM lines "sports" and "news".
import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZPartnerTerm } from "../contracts/terms";
import { roundLine } from "../pricing/engine";
import { partnerPayouts, partnerPayoutsOfTallies, tallyConversions, type PartnerDefault, type PartnerPayout, type PartnerPayoutInput, type PartnerStatementDraft, type PayoutLine } from "./partner-payouts";

const flat = (amount: string): PartnerPayout => ({ kind: "FLAT_PER_CONVERSION", amount });
const revenueShare = (percent: string): PartnerPayout => ({ kind: "REVENUE_SHARE", percent });
const cpmShare = (percent: string): PartnerPayout => ({ kind: "CPM_SHARE", percent });

/** A contract term as the terms schema parses it. */
const term = (partnerKey: string, payout: PartnerPayout, lines: string[] = []) => ZPartnerTerm.parse({ partnerKey, partnerName: `${partnerKey} (contract)`, payout, lines });
const defaults = (...entries: Array<[string, PartnerPayout | null]>): ReadonlyMap<string, PartnerDefault> =>
  new Map(entries.map(([key, payout]) => [key, { key, name: `${key} (default)`, payout }]));

let nextId = 0;
/** `count` conversions of `amount` revenue each, through `partnerKey` on `lineKey`. */
const conversions = (count: number, lineKey: string, partnerKey: string | null, amount = "100") =>
  Array.from({ length: count }, () => ({ id: `cv-${String(++nextId).padStart(5, "0")}`, lineKey, partnerKey, amount }));

type Options = Partial<PartnerPayoutInput> & { currency?: string; roundingMode?: "HALF_UP" | "HALF_EVEN" };
function payoutsFor({ currency = "USD", roundingMode = "HALF_UP", ...rest }: Options) {
  return partnerPayouts({
    contract: { number: "C-2026-0001", currency, roundingMode },
    partnerTerms: [],
    defaults: new Map(),
    cpaLineKeys: ["purchases", "signups"],
    cpmLineKeys: ["sports", "news"],
    conversions: [],
    cpmLines: [],
    reversals: [],
    ...rest,
  });
}

const statementOf = (result: { statements: PartnerStatementDraft[] }, partnerKey: string) => {
  const statement = result.statements.find((s) => s.partnerKey === partnerKey);
  if (!statement) throw new Error(`No statement for ${partnerKey} among ${result.statements.map((s) => s.partnerKey).join(", ")}`);
  return statement;
};
/** A statement's lines as [key, amount] pairs, for compact expectations. */
const amounts = (statement: PartnerStatementDraft) => statement.lines.map((l) => [l.key, l.amount]);

describe("flat payout per conversion", () => {
  // 12 conversions × 5.00 = 60.00.
  const result = payoutsFor({ defaults: defaults(["acme", flat("5")]), conversions: conversions(12, "purchases", "acme") });

  it("names the line by its name when it is known", () => {
    const named = payoutsFor({ defaults: defaults(["acme", flat("5")]), conversions: conversions(2, "purchases", "acme"), lineNames: new Map([["purchases", "Shop purchases"]]) });
    expect(statementOf(named, "acme").lines[0].description).toBe("Shop purchases — 2 conversions × 5.00");
  });

  it("pays the amount for each of the partner's conversions on the CPA line, as one line", () => {
    const statement = statementOf(result, "acme");
    expect(statement.lines).toHaveLength(1);
    expect(statement.lines[0]).toMatchObject({
      key: "flat:purchases",
      kind: "FLAT_PER_CONVERSION",
      lineKey: "purchases",
      description: "purchases — 12 conversions × 5.00",
      quantity: "12",
      unrounded: "60",
      amount: "60.00",
    });
    expect(statement.total).toBe("60.00");
  });

  it("traces the terms, the conversions and the revenue they were earned on", () => {
    // Revenue base: 12 × 100 = 1,200.
    const { trace } = statementOf(result, "acme").lines[0];
    expect(trace).toMatchObject({ source: "DEFAULT", payout: { kind: "FLAT_PER_CONVERSION", amount: "5" }, conversions: 12, base: "1200" });
    expect(trace.conversionIds).toHaveLength(12);
  });

  it("keeps at most 50 conversion ids in the trace, sorted", () => {
    // 60 conversions × 1.25 = 75.00; the trace lists the first 50 ids in order.
    const many = conversions(60, "purchases", "acme").reverse();
    const line = statementOf(payoutsFor({ defaults: defaults(["acme", flat("1.25")]), conversions: many }), "acme").lines[0];
    expect(line.amount).toBe("75.00");
    expect(line.trace.conversionIds).toEqual(many.map((c) => c.id).sort().slice(0, 50));
  });
});

describe("revenue share", () => {
  it("pays percent × the revenue of the partner's conversions on a CPA line", () => {
    // 10% × (100.00 + 250.50 + 49.50 = 400.00) ÷ 100 = 40.00.
    const input = [...conversions(1, "purchases", "acme", "100.00"), ...conversions(1, "purchases", "acme", "250.50"), ...conversions(1, "purchases", "acme", "49.50")];
    const statement = statementOf(payoutsFor({ partnerTerms: [term("acme", revenueShare("10"))], conversions: input }), "acme");
    expect(statement.lines[0]).toMatchObject({
      key: "share:purchases",
      kind: "REVENUE_SHARE",
      description: "purchases — 10% of 400.00 revenue (3 conversions)",
      quantity: "400",
      unrounded: "40",
      amount: "40.00",
      trace: { source: "CONTRACT", conversions: 3, base: "400" },
    });
  });

  it("pays a share of a CPM line's billing when the contract term names the line", () => {
    // 5% × 12,345.67 ÷ 100 = 617.2835 → 617.28.
    const result = payoutsFor({ partnerTerms: [term("acme", revenueShare("5"), ["sports"])], cpmLines: [{ lineKey: "sports", amount: "12345.67" }, { lineKey: "news", amount: "1000" }] });
    const statement = statementOf(result, "acme");
    expect(statement.lines).toHaveLength(1);
    expect(statement.lines[0]).toMatchObject({
      key: "share:sports",
      kind: "REVENUE_SHARE",
      description: "sports — 5% of 12,345.67 CPM billing",
      quantity: "12345.67",
      unrounded: "617.2835",
      amount: "617.28",
      trace: { source: "CONTRACT", conversions: 0, base: "12345.67" },
    });
    expect(statement.lines[0].trace.conversionIds).toBeUndefined();
  });

  it("pays nothing on CPM lines the term does not name: an empty list covers CPA lines only", () => {
    // CPM delivery has no partner attribution. Only the CPA conversions pay: 10% × 2 × 100 = 20.00.
    const result = payoutsFor({
      partnerTerms: [term("acme", revenueShare("10"))],
      cpmLines: [{ lineKey: "sports", amount: "5000" }],
      conversions: conversions(2, "purchases", "acme"),
    });
    expect(amounts(statementOf(result, "acme"))).toEqual([["share:purchases", "20.00"]]);
  });

  it("never reaches a CPM line from a partner's default", () => {
    const result = payoutsFor({ defaults: defaults(["acme", revenueShare("10")]), cpmLines: [{ lineKey: "sports", amount: "5000" }] });
    expect(result).toEqual({ statements: [], flags: [] });
  });
});

describe("CPM share", () => {
  it("with an empty line list, pays percent × every CPM line's billed amount, one line each", () => {
    // news: 20% × 2,500.55 = 500.11; sports: 20% × 1,000 = 200.00; total 700.11. Lines by key: news, then sports.
    const result = payoutsFor({ partnerTerms: [term("acme", cpmShare("20"))], cpmLines: [{ lineKey: "sports", amount: "1000" }, { lineKey: "news", amount: "2500.55" }] });
    const statement = statementOf(result, "acme");
    expect(amounts(statement)).toEqual([["cpm-share:news", "500.11"], ["cpm-share:sports", "200.00"]]);
    expect(statement.lines[1]).toMatchObject({ kind: "CPM_SHARE", description: "sports — 20% of 1,000.00 CPM billing", quantity: "1000", unrounded: "200" });
    expect(statement.total).toBe("700.11");
  });

  it("with a line list, pays only on the lines named", () => {
    // 20% × 2,500 = 500.00 on news; sports is not named.
    const result = payoutsFor({ partnerTerms: [term("acme", cpmShare("20"), ["news"])], cpmLines: [{ lineKey: "sports", amount: "1000" }, { lineKey: "news", amount: "2500" }] });
    expect(amounts(statementOf(result, "acme"))).toEqual([["cpm-share:news", "500.00"]]);
  });

  it("never applies from a partner's default", () => {
    const result = payoutsFor({ defaults: defaults(["acme", cpmShare("20")]), cpmLines: [{ lineKey: "sports", amount: "1000" }] });
    expect(result.statements).toEqual([]);
  });

  it("leaves the partner's CPA lines to its default: an empty list covers CPM lines only", () => {
    // CPM: 10% × 3,000 = 300.00 (contract). CPA: 4 conversions × 2.50 = 10.00 (default).
    const result = payoutsFor({
      partnerTerms: [term("acme", cpmShare("10"))],
      defaults: defaults(["acme", flat("2.50")]),
      cpmLines: [{ lineKey: "sports", amount: "3000" }],
      conversions: conversions(4, "purchases", "acme"),
    });
    const statement = statementOf(result, "acme");
    expect(amounts(statement)).toEqual([["flat:purchases", "10.00"], ["cpm-share:sports", "300.00"]]);
    expect(statement.lines.map((l) => l.trace.source)).toEqual(["DEFAULT", "CONTRACT"]);
    expect(statement.total).toBe("310.00");
  });

  it("omits a CPM line that billed nothing", () => {
    const result = payoutsFor({ partnerTerms: [term("acme", cpmShare("10"))], cpmLines: [{ lineKey: "sports", amount: "0" }] });
    expect(result.statements).toEqual([]);
  });
});

describe("which terms pay", () => {
  it("the contract's term overrides the partner's default, name included", () => {
    // 3 conversions × 7.50 = 22.50 (not × 5.00).
    const result = payoutsFor({ partnerTerms: [term("acme", flat("7.50"))], defaults: defaults(["acme", flat("5")]), conversions: conversions(3, "purchases", "acme") });
    const statement = statementOf(result, "acme");
    expect(statement.partnerName).toBe("acme (contract)");
    expect(statement.lines[0]).toMatchObject({ amount: "22.50", trace: { source: "CONTRACT", payout: { kind: "FLAT_PER_CONVERSION", amount: "7.50" } } });
  });

  it("the partner's default pays when the contract has no term for it", () => {
    // 3 conversions × 5.00 = 15.00.
    const statement = statementOf(payoutsFor({ defaults: defaults(["acme", flat("5")]), conversions: conversions(3, "purchases", "acme") }), "acme");
    expect(statement.partnerName).toBe("acme (default)");
    expect(statement.lines[0]).toMatchObject({ amount: "15.00", trace: { source: "DEFAULT" } });
  });

  it("a contract term limited to one line leaves the partner's other lines to its default", () => {
    // purchases: 10% × 2 × 100 = 20.00 (contract); signups: 3 conversions × 2.00 = 6.00 (default).
    const result = payoutsFor({
      partnerTerms: [term("acme", revenueShare("10"), ["purchases"])],
      defaults: defaults(["acme", flat("2")]),
      conversions: [...conversions(3, "signups", "acme"), ...conversions(2, "purchases", "acme")],
    });
    const statement = statementOf(result, "acme");
    expect(amounts(statement)).toEqual([["share:purchases", "20.00"], ["flat:signups", "6.00"]]);
    expect(statement.lines.map((l) => l.trace.source)).toEqual(["CONTRACT", "DEFAULT"]);
    expect(statement.total).toBe("26.00");
  });

  it("flags a partner with neither a contract term nor a default, and pays it nothing", () => {
    // ghost: 2 conversions, 19.99 + 5.01 = 25.00 revenue. nulled has a default row without a payout.
    const result = payoutsFor({
      defaults: defaults(["nulled", null]),
      conversions: [...conversions(1, "purchases", "ghost", "19.99"), ...conversions(1, "signups", "ghost", "5.01"), ...conversions(1, "purchases", "nulled", "3")],
    });
    expect(result.statements).toEqual([]);
    expect(result.flags).toEqual([
      { kind: "PARTNER_WITHOUT_TERMS", partnerKey: "ghost", conversions: 2, revenue: "25" },
      { kind: "PARTNER_WITHOUT_TERMS", partnerKey: "nulled", conversions: 1, revenue: "3" },
    ]);
  });

  it("flags the conversions no terms cover when the contract term is limited to another line and there is no default", () => {
    // purchases: 2 × 4.00 = 8.00 paid; the signups conversion (50.00) is flagged.
    const result = payoutsFor({
      partnerTerms: [term("acme", flat("4"), ["purchases"])],
      conversions: [...conversions(2, "purchases", "acme"), ...conversions(1, "signups", "acme", "50.00")],
    });
    expect(amounts(statementOf(result, "acme"))).toEqual([["flat:purchases", "8.00"]]);
    expect(result.flags).toEqual([{ kind: "PARTNER_WITHOUT_TERMS", partnerKey: "acme", conversions: 1, revenue: "50" }]);
  });

  it("ignores conversions without a partner", () => {
    const result = payoutsFor({ defaults: defaults(["acme", flat("5")]), conversions: conversions(5, "purchases", null) });
    expect(result).toEqual({ statements: [], flags: [] });
  });

  it("omits a revenue share whose conversions carry no revenue", () => {
    const result = payoutsFor({ defaults: defaults(["acme", revenueShare("10")]), conversions: conversions(2, "purchases", "acme", "0") });
    expect(result).toEqual({ statements: [], flags: [] });
  });
});

describe("reversals", () => {
  it("charge back what the same terms pay for each reversed conversion, one negative line per partner and line", () => {
    // acme (flat 5.00): 3 × 5.00 = 15.00 earned, 2 reversed × 5.00 = −10.00; total 5.00.
    // beta (10% share): 10% × 300 = 30.00 earned, 10% × (50.00 + 30.25 = 80.25) = −8.025 → −8.03; total 21.97.
    const result = payoutsFor({
      defaults: defaults(["acme", flat("5")]),
      partnerTerms: [term("beta", revenueShare("10"))],
      conversions: [...conversions(3, "purchases", "acme"), ...conversions(3, "purchases", "beta")],
      reversals: [...conversions(2, "purchases", "acme"), ...conversions(1, "purchases", "beta", "50.00"), ...conversions(1, "purchases", "beta", "30.25")],
    });
    const acme = statementOf(result, "acme");
    expect(amounts(acme)).toEqual([["flat:purchases", "15.00"], ["reversal:purchases:FLAT_PER_CONVERSION", "-10.00"]]);
    expect(acme.lines[1]).toMatchObject({
      kind: "REVERSAL",
      description: "purchases — 2 reversed conversions × 5.00",
      quantity: "2",
      unrounded: "-10",
      trace: { source: "DEFAULT", payout: { kind: "FLAT_PER_CONVERSION" }, conversions: 2, base: "200" },
    });
    expect(acme.total).toBe("5.00");

    const beta = statementOf(result, "beta");
    expect(amounts(beta)).toEqual([["share:purchases", "30.00"], ["reversal:purchases:REVENUE_SHARE", "-8.03"]]);
    expect(beta.lines[1]).toMatchObject({
      description: "purchases — 10% of 80.25 reversed revenue (2 conversions)",
      quantity: "80.25",
      unrounded: "-8.025",
      trace: { source: "CONTRACT", payout: { kind: "REVENUE_SHARE", percent: "10" }, conversions: 2, base: "80.25" },
    });
    expect(beta.total).toBe("21.97");
  });

  it("can leave a statement negative when only reversals remain", () => {
    // 1 reversed × 5.00 = −5.00.
    const result = payoutsFor({ defaults: defaults(["acme", flat("5")]), reversals: conversions(1, "signups", "acme") });
    expect(statementOf(result, "acme").total).toBe("-5.00");
  });

  it("charge nothing back to a partner without terms, and do not flag it", () => {
    expect(payoutsFor({ reversals: conversions(1, "purchases", "ghost") })).toEqual({ statements: [], flags: [] });
  });
});

describe("rounding and order", () => {
  it("rounds a share once, on the exact sum, never conversion by conversion", () => {
    // 33.3333% × (3 × 10.00 = 30.00) = 9.99999 → 10.00; rounding each 3.33333 → 3.33 would give 9.99.
    const line = statementOf(payoutsFor({ defaults: defaults(["acme", revenueShare("33.3333")]), conversions: conversions(3, "purchases", "acme", "10.00") }), "acme").lines[0];
    expect(line).toMatchObject({ unrounded: "9.99999", amount: "10.00" });
  });

  it("rounds half up unless the contract says half even", () => {
    // 10% × 100.25 = 10.025 → 10.03 half up, 10.02 half even.
    const options = { defaults: defaults(["acme", revenueShare("10")]), conversions: conversions(1, "purchases", "acme", "100.25") };
    expect(statementOf(payoutsFor(options), "acme").lines[0]).toMatchObject({ unrounded: "10.025", amount: "10.03" });
    expect(statementOf(payoutsFor({ ...options, roundingMode: "HALF_EVEN" }), "acme").lines[0]).toMatchObject({ unrounded: "10.025", amount: "10.02" });
  });

  it("sums the rounded lines for the total", () => {
    // purchases: 10% × 0.15 = 0.015 → 0.02; signups: 10% × 0.15 = 0.015 → 0.02; total 0.04 (not 0.03 = round(0.030)).
    const result = payoutsFor({ defaults: defaults(["acme", revenueShare("10")]), conversions: [...conversions(1, "purchases", "acme", "0.15"), ...conversions(1, "signups", "acme", "0.15")] });
    expect(statementOf(result, "acme").total).toBe("0.04");
  });

  it("rounds to whole yen", () => {
    // purchases: 3 × ¥150 = ¥450 (beta); signups: 7.5% × ¥1,234 = ¥92.55 → ¥93 (acme).
    const result = payoutsFor({
      currency: "JPY",
      defaults: defaults(["beta", flat("150")], ["acme", revenueShare("7.5")]),
      conversions: [...conversions(3, "purchases", "beta", "2000"), ...conversions(1, "signups", "acme", "1234")],
    });
    expect(statementOf(result, "beta")).toMatchObject({ lines: [{ amount: "450", description: "purchases — 3 conversions × 150" }], total: "450" });
    expect(statementOf(result, "acme")).toMatchObject({ lines: [{ unrounded: "92.55", amount: "93" }], total: "93" });
  });

  it("orders statements by partner key and lines CPA, then CPM, then reversals, each by line key", () => {
    const result = payoutsFor({
      partnerTerms: [term("zulu", revenueShare("10"), ["signups", "purchases", "sports"]), term("alpha", flat("1"))],
      cpmLines: [{ lineKey: "sports", amount: "100" }],
      conversions: [...conversions(1, "signups", "zulu"), ...conversions(1, "purchases", "zulu"), ...conversions(1, "purchases", "alpha")],
      reversals: [...conversions(1, "signups", "zulu"), ...conversions(1, "purchases", "zulu")],
    });
    expect(result.statements.map((s) => s.partnerKey)).toEqual(["alpha", "zulu"]);
    expect(statementOf(result, "zulu").lines.map((l) => l.key)).toEqual([
      "share:purchases",
      "share:signups",
      "share:sports",
      "reversal:purchases:REVENUE_SHARE",
      "reversal:signups:REVENUE_SHARE",
    ]);
  });
});

describe("malformed input", () => {
  const ok = { defaults: defaults(["acme", flat("5")]) };
  it.each([
    ["an unknown currency", { ...ok, currency: "XYZ" }],
    ["a revenue with two signs", { ...ok, conversions: conversions(1, "purchases", "acme", "--1") }],
    ["a revenue in exponent notation", { ...ok, conversions: conversions(1, "purchases", "acme", "1e3") }],
    ["a reversal that is not a number", { ...ok, reversals: conversions(1, "purchases", "acme", "five") }],
    ["a negative CPM amount", { ...ok, cpmLines: [{ lineKey: "sports", amount: "-1" }] }],
    ["two amounts for one CPM line", { ...ok, cpmLines: [{ lineKey: "sports", amount: "1" }, { lineKey: "sports", amount: "2" }] }],
    ["a default percent above 100", { defaults: defaults(["acme", revenueShare("101")]) }],
    ["a negative default amount", { defaults: defaults(["acme", flat("-5")]) }],
    ["two contract terms for one partner", { partnerTerms: [term("acme", flat("1")), term("acme", flat("2"))] }],
    ["a line both CPA and CPM", { cpaLineKeys: ["sports"] }],
    ["a conversion on a CPM line", { ...ok, conversions: conversions(1, "sports", "acme") }],
    ["two conversions with one id", { ...ok, conversions: [...conversions(1, "purchases", "acme"), { id: `cv-${String(nextId).padStart(5, "0")}`, lineKey: "signups", partnerKey: "acme", amount: "1" }] }],
  ] as Array<[string, Options]>)("throws RangeError on %s", (_, options) => {
    expect(() => payoutsFor(options)).toThrow(RangeError);
  });
});

describe("from tallies (a month's conversions summed by the database)", () => {
  const input = { contract: { number: "C-2026-0001", currency: "USD", roundingMode: "HALF_UP" as const }, partnerTerms: [], cpaLineKeys: ["purchases"], cpmLineKeys: ["sports"], cpmLines: [], reversals: [] };
  const tally = { partnerKey: "acme", lineKey: "purchases", count: 2, revenue: "150.5", ids: ["cv-1", "cv-2"] };

  it("tallies by partner and line: count, exact revenue, the first 50 ids in order", () => {
    const list = [...conversions(60, "purchases", "acme", "1.25"), ...conversions(1, "purchases", null, "7")].reverse();
    const tallies = tallyConversions(list);
    expect(tallies.map((t) => [t.partnerKey, t.lineKey, t.count, t.revenue, t.ids.length])).toEqual([
      [null, "purchases", 1, "7", 1],
      ["acme", "purchases", 60, "75", 50],
    ]);
    expect(tallies[1].ids).toEqual(list.filter((c) => c.partnerKey === "acme").map((c) => c.id).sort().slice(0, 50));
  });

  it("pays what the same conversions one by one pay", () => {
    const list = [...conversions(3, "purchases", "acme", "10.10"), ...conversions(2, "purchases", "beta", "5")];
    const terms = { defaults: defaults(["acme", revenueShare("12.5")], ["beta", flat("2")]) };
    expect(partnerPayoutsOfTallies({ ...input, ...terms, conversions: tallyConversions(list) })).toEqual(payoutsFor({ ...terms, cpaLineKeys: ["purchases"], cpmLineKeys: ["sports"], conversions: list }));
  });

  it.each([
    ["two tallies for one partner and line", [tally, tally]],
    ["a tally of no conversions", [{ ...tally, count: 0 }]],
    ["a tally on a CPM line", [{ ...tally, lineKey: "sports" }]],
    ["a revenue that is not a number", [{ ...tally, revenue: "lots" }]],
  ])("throws RangeError on %s", (_, tallies) => {
    expect(() => partnerPayoutsOfTallies({ ...input, defaults: defaults(["acme", flat("1")]), conversions: tallies })).toThrow(RangeError);
  });
});

describe("properties", () => {
  const D = Decimal.clone({ precision: 100 });
  const decimal = (maxCents: number, scale: number) => fc.integer({ min: 0, max: maxCents }).map((n) => new D(n).div(10 ** scale).toFixed());
  const partner = fc.constantFrom("acme", "beta", "gamma", "delta");
  const payout = fc.oneof(
    decimal(2_000, 2).filter((a) => a !== "0").map(flat),
    decimal(1_000_000, 4).map(revenueShare),
    decimal(1_000_000, 4).map(cpmShare),
  );
  const conversion = fc.record({ lineKey: fc.constantFrom("purchases", "signups"), partnerKey: fc.option(partner, { nil: null, freq: 5 }), amount: decimal(10_000_000, 3) });
  const scenario = fc.record({
    currency: fc.constantFrom("USD", "JPY"),
    roundingMode: fc.constantFrom("HALF_UP", "HALF_EVEN" as const),
    partnerTerms: fc.uniqueArray(fc.record({ partnerKey: partner, payout, lines: fc.subarray(["purchases", "signups", "sports", "news"]) }), { selector: (t) => t.partnerKey, maxLength: 3 }),
    defaults: fc.uniqueArray(fc.record({ key: partner, payout: fc.option(payout, { nil: null }) }), { selector: (d) => d.key, maxLength: 4 }),
    cpmLines: fc.subarray(["sports", "news"]).chain((keys) => fc.tuple(...keys.map((lineKey) => fc.record({ lineKey: fc.constant(lineKey), amount: decimal(100_000_000, 4) })))),
    conversions: fc.array(conversion, { maxLength: 30 }),
    reversals: fc.array(conversion, { maxLength: 10 }),
  });
  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;
  const inputOf = (s: Scenario): Options => ({
    currency: s.currency,
    roundingMode: s.roundingMode,
    partnerTerms: s.partnerTerms.map((t) => term(t.partnerKey, t.payout, t.lines)),
    defaults: defaults(...s.defaults.map((d): [string, PartnerPayout | null] => [d.key, d.payout])),
    cpmLines: s.cpmLines,
    conversions: s.conversions.map((c, i) => ({ id: `c${i}`, ...c })),
    reversals: s.reversals.map((c, i) => ({ id: `r${i}`, ...c })),
  });
  const RUNS = { numRuns: 100 };

  it("every line is its exact amount rounded once, and every total is the sum of its rounded lines", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const digits = s.currency === "JPY" ? 0 : 2;
        for (const statement of payoutsFor(inputOf(s)).statements) {
          expect(statement.lines.length).toBeGreaterThan(0);
          statement.lines.forEach((l: PayoutLine) => expect(l.amount).toBe(roundLine(l.unrounded, s.currency, s.roundingMode)));
          expect(statement.total).toBe(statement.lines.reduce((sum, l) => sum.plus(l.amount), new D(0)).toFixed(digits));
        }
      }),
      RUNS,
    );
  });

  it("gives the same output whatever the order of conversions and reversals", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const input = inputOf(s);
        const reordered = { ...input, conversions: [...input.conversions!].reverse(), reversals: [...input.reversals!].reverse() };
        expect(payoutsFor(reordered)).toEqual(payoutsFor(input));
      }),
      RUNS,
    );
  });
});
