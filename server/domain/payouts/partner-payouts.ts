// What one contract's billing period owes each partner: the draft lines of the partners' payout statements. Pure and
// deterministic; the billing run merges the drafts of every contract into one statement per partner and currency.
//
// Semantics (every amount on a statement can be derived from these rules and the line's trace):
//  1. Terms. A partner is paid on a line by the contract's partner term for that partner when it covers the line
//     (source CONTRACT): its `lines` names the line, or is empty and its payout can apply to that kind of line
//     (FLAT_PER_CONVERSION and REVENUE_SHARE: every CPA line; CPM_SHARE: every CPM line). This override wins;
//     otherwise the partner's default payout (source DEFAULT), if it has one; otherwise nothing.
//     A conversion's line is a CPA line unless it is a CPM line (a line an amendment removed is still a CPA line).
//  2. FLAT_PER_CONVERSION applies to CPA lines only: amount × the number of the partner's billed conversions on the
//     line. One line per (partner, CPA line).
//  3. REVENUE_SHARE on a CPA line: percent × Σ revenue of the partner's conversions on the line ÷ 100. On a CPM line
//     only when a CONTRACT term names that line in `lines` (CPM delivery has no partner attribution, so an empty list
//     or a default never reaches a CPM line): percent × the CPM line's amount ÷ 100.
//  4. CPM_SHARE applies to CPM lines only, and only from CONTRACT terms (empty lines = every CPM line): percent × the
//     line's amount ÷ 100. A default CPM_SHARE never applies (no attribution).
//  5. Conversions with no partner key are nobody's. Conversions through a partner for whom rule 1 finds no terms on
//     their line (no contract term covering it, no default) produce no lines and raise one PARTNER_WITHOUT_TERMS
//     flag per partner, with their count and exact revenue.
//  6. Reversals: each reversed conversion is charged back what the same terms pay for it now (rule 1 on its line):
//     FLAT → −amount, REVENUE_SHARE → −percent × its revenue ÷ 100; terms that would not pay it charge nothing back.
//     One negative REVERSAL line per (partner, line), its trace naming the payout.
//  7. Every line is rounded once (roundLine, the contract's currency and mode) from its exact amount; the statement
//     total is the sum of the rounded lines. Lines with no conversions or a zero base are omitted, and a partner
//     without lines gets no statement. Statements by partner key; lines CPA, then CPM, then reversals, each by line
//     key. The partner's name is the contract term's, else the default's.
//  8. Deterministic: the same input gives the same output, whatever the order of conversions (ids in traces are
//     sorted, at most 50 kept). Malformed input throws RangeError: an unknown currency, a non-decimal amount (a
//     negative one outside conversion revenue), a percent outside 0–100, a duplicate conversion id, partner term or CPM line, a line that is both CPA
//     and CPM, a conversion on a CPM line.
import type { z } from "zod";
import { ExactDec as Dec, exact } from "../billing/proration";
import type { ZPartnerTerm } from "../contracts/terms";
import { CURRENCY_MINOR_UNITS, formatAmount, groupDigits } from "../money";
import { roundLine, type RoundingMode } from "../pricing/engine";

const ZERO = new Dec(0);
/** Conversion ids a payout line keeps in its trace. */
export const TRACED_CONVERSION_IDS = 50;

// ─── Input and output ────────────────────────────────────────────────────────────────────────────────────────────

type PartnerTerm = z.infer<typeof ZPartnerTerm>;
export type PartnerPayout = PartnerTerm["payout"];

export interface PartnerDefault {
  key: string;
  name: string;
  payout: PartnerPayout | null;
}

interface Conversion {
  id: string;
  lineKey: string;
  partnerKey: string | null;
  amount: string;
}

/** One partner's conversions on one line (partnerKey null: nobody's), counted and summed: what payouts are worked out from. */
export interface ConversionTally {
  partnerKey: string | null;
  lineKey: string;
  count: number;
  /** Σ the conversions' exact revenue. */
  revenue: string;
  /** Their ids in order, the first 50 (TRACED_CONVERSION_IDS) only. */
  ids: string[];
}

export interface PartnerPayoutInput {
  contract: { number: string; currency: string; roundingMode: RoundingMode };
  /** The partner terms of the contract's last approved terms in the period (overrides). */
  partnerTerms: readonly PartnerTerm[];
  /** Key → the partner's default terms (from the partner table); a partner with no contract term uses its default. */
  defaults: ReadonlyMap<string, PartnerDefault>;
  /** Contract line key → its name, for descriptions (the key is used when a line has none here). */
  lineNames?: ReadonlyMap<string, string>;
  /** CPA line keys and CPM line keys of the contract's terms (to know what kind each line is). */
  cpaLineKeys: readonly string[];
  cpmLineKeys: readonly string[];
  /** Conversions billed to the advertiser in this period: the exact advertiser revenue of each. */
  conversions: readonly Conversion[];
  /** The billed CPM amount of each CPM line in the period (exact, after caps, before agency commission). */
  cpmLines: readonly { lineKey: string; amount: string }[];
  /** Conversions billed in an earlier period and since reversed (e.g. returned orders): their exact revenue, positive. */
  reversals: readonly Conversion[];
}

export type PayoutLineKind = "FLAT_PER_CONVERSION" | "REVENUE_SHARE" | "CPM_SHARE" | "REVERSAL";

export interface PayoutLine {
  /** Stable across runs: "flat:purchases", "share:purchases", "cpm-share:sports", "reversal:purchases:FLAT_PER_CONVERSION". */
  key: string;
  kind: PayoutLineKind;
  lineKey: string;
  description: string;
  /** Conversions for flat payouts, the revenue (or CPM) base for shares. */
  quantity: string;
  unrounded: string;
  amount: string;
  trace: { source: "CONTRACT" | "DEFAULT"; payout: PartnerPayout; conversions: number; base: string; conversionIds?: string[] };
}

export interface PartnerStatementDraft {
  partnerKey: string;
  partnerName: string;
  lines: PayoutLine[];
  total: string;
}

export type PayoutFlag = { kind: "PARTNER_WITHOUT_TERMS"; partnerKey: string; conversions: number; revenue: string };

// ─── The payouts ─────────────────────────────────────────────────────────────────────────────────────────────────

type LineKind = "CPA" | "CPM";
interface Terms {
  source: "CONTRACT" | "DEFAULT";
  payout: PartnerPayout;
}
/** A line before rounding, with the section it sorts in. */
type ExactLine = Omit<PayoutLine, "unrounded" | "amount"> & { unrounded: Dec; section: number };
/** How descriptions name money and lines. */
interface Wording {
  currency: string;
  nameOf: (lineKey: string) => string;
}
/** One partner's conversions on one line, their revenue parsed. */
interface Group {
  partnerKey: string | null;
  lineKey: string;
  count: number;
  revenue: Dec;
  ids: string[];
}

export type PartnerPayoutResult = { statements: PartnerStatementDraft[]; flags: PayoutFlag[] };

export function partnerPayouts(input: PartnerPayoutInput): PartnerPayoutResult {
  const lineKind = lineKindOf(input);
  checkConversions(input.conversions, "conversion", lineKind);
  checkConversions(input.reversals, "reversal", lineKind);
  return partnerPayoutsOfTallies({ ...input, conversions: tallyConversions(input.conversions), reversals: tallyConversions(input.reversals) });
}

/**
 * The same payouts from conversions already tallied per partner and line — by tallyConversions, or by the database
 * (a month's payouts read hundreds of thousands of billed conversions: summed where they are stored).
 */
export function partnerPayoutsOfTallies(input: Omit<PartnerPayoutInput, "conversions" | "reversals"> & { conversions: readonly ConversionTally[]; reversals: readonly ConversionTally[] }): PartnerPayoutResult {
  const { contract } = input;
  if (!Object.hasOwn(CURRENCY_MINOR_UNITS, contract.currency)) throw new RangeError(`Unknown currency ${contract.currency}`);
  const contractTerms = indexPartnerTerms(input.partnerTerms);
  for (const d of input.defaults.values()) if (d.payout) checkPayout(d.payout, `the default of partner ${d.key}`);
  const lineKind = lineKindOf(input);
  const cpmAmounts = indexCpmLines(input, lineKind);
  const conversions = checkTallies(input.conversions, "conversion", lineKind);
  const reversals = checkTallies(input.reversals, "reversal", lineKind);

  const termsFor = (partnerKey: string, lineKey: string): Terms | null => {
    const term = contractTerms.get(partnerKey);
    if (term && covers(term, lineKey, lineKind(lineKey))) return { source: "CONTRACT", payout: term.payout };
    const fallback = input.defaults.get(partnerKey)?.payout;
    return fallback ? { source: "DEFAULT", payout: fallback } : null;
  };

  const wording: Wording = { currency: contract.currency, nameOf: (lineKey) => input.lineNames?.get(lineKey) ?? lineKey };
  const lines: Array<ExactLine & { partnerKey: string }> = [];
  const unpaid = new Map<string, { count: number; revenue: Dec }>();
  for (const group of byPartnerAndLine(conversions)) {
    const terms = termsFor(group.partnerKey, group.lineKey);
    if (!terms) {
      const so = unpaid.get(group.partnerKey);
      unpaid.set(group.partnerKey, { count: (so?.count ?? 0) + group.count, revenue: (so?.revenue ?? ZERO).plus(group.revenue) });
    }
    const line = terms && conversionLine(group, terms, wording);
    if (line) lines.push({ ...line, partnerKey: group.partnerKey });
  }
  for (const [partnerKey, term] of contractTerms) {
    for (const [lineKey, amount] of cpmAmounts) {
      const line = covers(term, lineKey, "CPM") ? cpmLine(lineKey, amount, term.payout, wording) : null;
      if (line) lines.push({ ...line, partnerKey });
    }
  }
  for (const group of byPartnerAndLine(reversals)) {
    const terms = termsFor(group.partnerKey, group.lineKey);
    const line = terms && reversalLine(group, terms, wording);
    if (line) lines.push({ ...line, partnerKey: group.partnerKey });
  }

  const partnerName = (key: string) => contractTerms.get(key)?.partnerName ?? input.defaults.get(key)?.name ?? key;
  const statements = [...new Set(lines.map((l) => l.partnerKey))].sort(byText).map((partnerKey): PartnerStatementDraft => {
    const own = lines
      .filter((l) => l.partnerKey === partnerKey)
      .sort((a, b) => a.section - b.section || byText(a.lineKey, b.lineKey))
      .map(({ partnerKey: _partner, section: _section, unrounded, ...line }): PayoutLine => ({
        ...line,
        unrounded: exact(unrounded),
        amount: roundLine(exact(unrounded), contract.currency, contract.roundingMode),
      }));
    const total = own.reduce((sum, l) => sum.plus(l.amount), ZERO).toFixed(CURRENCY_MINOR_UNITS[contract.currency]);
    return { partnerKey, partnerName: partnerName(partnerKey), lines: own, total };
  });

  const flags = [...unpaid.keys()].sort(byText).map((partnerKey): PayoutFlag => {
    const own = unpaid.get(partnerKey)!;
    return { kind: "PARTNER_WITHOUT_TERMS", partnerKey, conversions: own.count, revenue: exact(own.revenue) };
  });
  return { statements, flags };
}

/** Rule 1: whether a contract term is the one that pays its partner on this line. */
function covers(term: PartnerTerm, lineKey: string, kind: LineKind): boolean {
  if (term.lines.length > 0) return term.lines.includes(lineKey);
  return term.payout.kind === "CPM_SHARE" ? kind === "CPM" : kind === "CPA";
}

/** Rules 2 and 3 on a CPA line. */
function conversionLine(group: Group, terms: Terms, { currency, nameOf }: Wording): ExactLine | null {
  const { payout } = terms;
  const { revenue: base, count } = group;
  const trace = { ...terms, conversions: count, base: exact(base), conversionIds: group.ids };
  const { lineKey } = group;
  switch (payout.kind) {
    case "FLAT_PER_CONVERSION":
      return {
        key: `flat:${lineKey}`,
        kind: "FLAT_PER_CONVERSION",
        lineKey,
        description: `${nameOf(lineKey)} — ${conversionsText(count)} × ${money(payout.amount, currency)}`,
        quantity: String(count),
        unrounded: new Dec(payout.amount).times(count),
        trace,
        section: 0,
      };
    case "REVENUE_SHARE":
      if (base.isZero()) return null;
      return {
        key: `share:${lineKey}`,
        kind: "REVENUE_SHARE",
        lineKey,
        description: `${nameOf(lineKey)} — ${percentText(payout.percent)} of ${money(base, currency)} revenue (${conversionsText(count)})`,
        quantity: exact(base),
        unrounded: share(base, payout.percent),
        trace,
        section: 0,
      };
    case "CPM_SHARE":
      return null;
  }
}

/** Rules 3 and 4 on a CPM line, for a contract term that covers it. */
function cpmLine(lineKey: string, base: Dec, payout: PartnerPayout, { currency, nameOf }: Wording): ExactLine | null {
  if (payout.kind === "FLAT_PER_CONVERSION" || base.isZero()) return null;
  const cpmShare = payout.kind === "CPM_SHARE";
  return {
    key: `${cpmShare ? "cpm-share" : "share"}:${lineKey}`,
    kind: payout.kind,
    lineKey,
    description: `${nameOf(lineKey)} — ${percentText(payout.percent)} of ${money(base, currency)} CPM billing`,
    quantity: exact(base),
    unrounded: share(base, payout.percent),
    trace: { source: "CONTRACT", payout, conversions: 0, base: exact(base) },
    section: 1,
  };
}

/** Rule 6: what the terms would pay for these conversions now, charged back. */
function reversalLine(group: Group, terms: Terms, wording: Wording): ExactLine | null {
  const { currency, nameOf } = wording;
  const forward = conversionLine(group, terms, wording);
  if (!forward) return null;
  const { lineKey, count } = group;
  const { payout } = terms;
  const what =
    payout.kind === "FLAT_PER_CONVERSION"
      ? `${conversionsText(count, "reversed ")} × ${money(payout.amount, currency)}`
      : `${percentText(payout.percent)} of ${money(forward.quantity, currency)} reversed revenue (${conversionsText(count)})`;
  return {
    ...forward,
    key: `reversal:${lineKey}:${terms.payout.kind}`,
    kind: "REVERSAL",
    description: `${nameOf(lineKey)} — ${what}`,
    unrounded: forward.unrounded.negated(),
    section: 2,
  };
}

// ─── Input checks and grouping ───────────────────────────────────────────────────────────────────────────────────

const DECIMAL = /^\d{1,15}(\.\d{1,20})?$/;

function nonNegative(value: unknown, what: string): Dec {
  if (typeof value !== "string" || !DECIMAL.test(value)) throw new RangeError(`${what}: “${String(value)}” is not a non-negative decimal`);
  return new Dec(value);
}

/** A conversion's revenue may be negative: on a volume-tiered line, the conversion that drops the period into a
 * cheaper tier has a negative marginal price (cpa-period.ts, rule 4); the line's shares still add up. */
function signedDecimal(value: unknown, what: string): Dec {
  if (typeof value !== "string" || !DECIMAL.test(value.replace(/^-/, ""))) throw new RangeError(`${what}: “${String(value)}” is not a decimal`);
  return new Dec(value);
}

function checkPayout(payout: PartnerPayout, what: string): void {
  switch (payout.kind) {
    case "FLAT_PER_CONVERSION":
      nonNegative(payout.amount, `The flat payout of ${what}`);
      return;
    case "REVENUE_SHARE":
    case "CPM_SHARE":
      if (nonNegative(payout.percent, `The percent of ${what}`).greaterThan(100)) throw new RangeError(`The percent of ${what} is above 100: ${payout.percent}`);
      return;
    default:
      throw new RangeError(`Unknown payout kind for ${what}`);
  }
}

function indexPartnerTerms(terms: readonly PartnerTerm[]): Map<string, PartnerTerm> {
  const index = new Map<string, PartnerTerm>();
  for (const term of terms) {
    if (index.has(term.partnerKey)) throw new RangeError(`Two contract terms for partner ${term.partnerKey}`);
    checkPayout(term.payout, `the contract term of partner ${term.partnerKey}`);
    index.set(term.partnerKey, term);
  }
  return index;
}

/** The exact billed amount of each CPM line; no line may be both CPA and CPM. */
function indexCpmLines(input: Pick<PartnerPayoutInput, "cpaLineKeys" | "cpmLineKeys" | "cpmLines">, lineKind: (lineKey: string) => LineKind): Map<string, Dec> {
  const clash = input.cpaLineKeys.find((key) => lineKind(key) === "CPM");
  if (clash !== undefined) throw new RangeError(`Line ${clash} is both a CPA and a CPM line`);
  const amounts = new Map<string, Dec>();
  for (const line of input.cpmLines) {
    if (amounts.has(line.lineKey)) throw new RangeError(`Two billed amounts for CPM line ${line.lineKey}`);
    amounts.set(line.lineKey, nonNegative(line.amount, `The billed amount of CPM line ${line.lineKey}`));
  }
  return amounts;
}

/** What kind of line a key is: CPM if the terms or the billed CPM amounts name it so, CPA otherwise (rule 1). */
function lineKindOf(input: Pick<PartnerPayoutInput, "cpmLineKeys" | "cpmLines">): (lineKey: string) => LineKind {
  const cpm = new Set([...input.cpmLineKeys, ...input.cpmLines.map((l) => l.lineKey)]);
  return (lineKey) => (cpm.has(lineKey) ? "CPM" : "CPA");
}

function checkConversions(list: readonly Conversion[], what: string, lineKind: (lineKey: string) => LineKind): void {
  const ids = new Set<string>();
  for (const c of list) {
    if (ids.has(c.id)) throw new RangeError(`Two ${what}s with id ${c.id}`);
    ids.add(c.id);
    signedDecimal(c.amount, `The revenue of ${what} ${c.id}`);
    if (lineKind(c.lineKey) === "CPM") throw new RangeError(`The ${what} ${c.id} is on CPM line ${c.lineKey}: conversions belong to CPA lines`);
  }
}

/** Conversions by partner (null: nobody's) and line: count, exact revenue and the first ids in order. */
export function tallyConversions(list: readonly Conversion[]): ConversionTally[] {
  const groups = new Map<string, { partnerKey: string | null; lineKey: string; count: number; revenue: Dec; ids: string[] }>();
  for (const c of list) {
    const key = JSON.stringify([c.partnerKey, c.lineKey]);
    const group = groups.get(key) ?? groups.set(key, { partnerKey: c.partnerKey, lineKey: c.lineKey, count: 0, revenue: ZERO, ids: [] }).get(key)!;
    group.count += 1;
    group.revenue = group.revenue.plus(c.amount);
    group.ids.push(c.id);
  }
  return [...groups.values()].map((g) => ({ ...g, revenue: exact(g.revenue), ids: g.ids.sort(byText).slice(0, TRACED_CONVERSION_IDS) }));
}

function checkTallies(tallies: readonly ConversionTally[], what: string, lineKind: (lineKey: string) => LineKind): Group[] {
  const seen = new Set<string>();
  return tallies.map((t) => {
    const key = JSON.stringify([t.partnerKey, t.lineKey]);
    if (seen.has(key)) throw new RangeError(`Two tallies of ${what}s through ${t.partnerKey ?? "no partner"} on line ${t.lineKey}`);
    seen.add(key);
    if (!(Number.isSafeInteger(t.count) && t.count > 0)) throw new RangeError(`${t.count} ${what}s on line ${t.lineKey}: a tally counts at least one`);
    if (lineKind(t.lineKey) === "CPM") throw new RangeError(`The ${what}s ${t.ids.join(", ")} are on CPM line ${t.lineKey}: conversions belong to CPA lines`);
    return { partnerKey: t.partnerKey, lineKey: t.lineKey, count: t.count, revenue: signedDecimal(t.revenue, `The revenue of ${what}s on line ${t.lineKey}`), ids: t.ids };
  });
}

/** Tallies with a partner (rule 5: the others are nobody's). */
const byPartnerAndLine = (groups: readonly Group[]) => groups.filter((g): g is Group & { partnerKey: string } => g.partnerKey !== null);

// ─── Arithmetic and descriptions ─────────────────────────────────────────────────────────────────────────────────

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** percent × base ÷ 100: dividing by 100 is exact in decimal. */
const share = (base: Dec, percent: string) => base.times(percent).div(100);

const money = (value: Dec | string, currency: string) => groupDigits(formatAmount(value, currency));
const percentText = (percent: string) => `${new Dec(percent).toFixed()}%`;
const conversionsText = (count: number, adjective = "") => `${groupDigits(String(count))} ${adjective}conversion${count === 1 ? "" : "s"}`;
