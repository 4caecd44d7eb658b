// What a contract owes for one billing period from its CPA lines: approved conversions priced per type, tiered
// lines priced on the period's volume, and credits for billed conversions reversed since. Pure and deterministic.
//
// Semantics:
//  1. A conversion's payout under its type's terms: flat + percentOfValue × value ÷ 100 (a missing value counts as
//     0), then held to the per-conversion minimum and maximum. It is the pricing engine's "percentage" model over one
//     event (rate = the percent, fixed fee = the flat amount, min/max per event), so the simulator prices it alike.
//  2. Each conversion is priced under the CPA line of the terms in force on its day (UTC). A conversion whose line is
//     not in those terms any more (an amendment removed it after it was judged) is not billed: one
//     CPA_LINE_NOT_IN_FORCE flag per line says how many.
//  3. Lines: one per (CPA line, terms version, conversion type), quantity = conversions, amount = Σ payouts; CPA
//     lines by key, then version, then type.
//  4. Tiered lines (the line's `tiered` model, graduated or volume, of its last terms in the period): the flat part
//     of every payout is replaced by one CPA_TIER line pricing the number of the line's billed conversions in the
//     period (all types, all versions) through the tier model; the per-type lines then hold only the percentage of
//     value, the per-conversion min/max applying to it. Each conversion's share of the tier line, for partner
//     payouts and later credits, is its marginal price in time order: price(n) − price(n − 1), so the shares add up
//     to the tier line exactly.
//  5. Credits: conversions billed in an earlier period and reversed since give one negative CPA_CREDIT line per CPA
//     line, −Σ what each was billed (its exact billed amount), never re-priced under today's terms.
//  6. Late approvals: conversions of an earlier month that were approved after that month's invoice was issued (it
//     billed the month without them) are billed in this period, month by month, under rules 1–4 as that month would
//     have priced them: the terms in force on their day, and a tiered line's volume going on from the month's
//     conversions billed before them (its tier line bills price(billed + late) − price(billed)). Their lines name
//     the invoice they complete (trace `corrects`).
//  7. Every line is rounded once from its exact amount; the total is the sum of rounded lines. `perConversion` keeps
//     each billed conversion's exact amount: what the billing run stores as its billed amount.
// Caps are applied when conversions are judged (server/domain/conversions/caps.ts): over-cap conversions never
// reach this function.
import { termsInForceOn, type ApprovedVersion, type ContractTerm } from "../contracts/effective-terms";
import type { ContractTerms, CpaLine, CpaPayout, IsoDate } from "../contracts/terms";
import { CURRENCY_MINOR_UNITS } from "../money";
import { price, type RoundingMode } from "../pricing/engine";
import type { PricingModel } from "../pricing/pricing-model";
import { roundedLine, type DraftFlag, type DraftLine, type ExactLine, type LateConversionsOf } from "./draft-line";
import { periodLabel } from "./billing-period";
import { exact, ExactDec as Dec, type DateRange } from "./proration";

const ZERO = new Dec(0);
const MAX_TRACED_IDS = 50;

export interface BillableConversion {
  id: string;
  lineKey: string;
  /** ISO time; its UTC day picks the terms in force. */
  occurredAt: string;
  type: string;
  value: string | null;
}

export interface ReversedConversion {
  id: string;
  lineKey: string;
  billedPeriod: string;
  /** What it was billed, exact. */
  billedAmount: string;
  reason: string;
}

/** Rule 6: an earlier month's conversions approved after its invoice was issued. */
export interface LateConversions {
  corrects: LateConversionsOf;
  /** That month's days (its conversions' UTC days fall in it). */
  month: DateRange;
  /** Per CPA line key, how many of the month's conversions were billed before these (on any invoice). */
  billedBefore: Readonly<Record<string, number>>;
  conversions: readonly BillableConversion[];
}

export interface CpaPeriodInput {
  contract: { number: string; currency: string; roundingMode: RoundingMode; term: ContractTerm };
  period: DateRange;
  versions: readonly ApprovedVersion<ContractTerms>[];
  /** Approved, eligible conversions that occurred in the period. */
  conversions: readonly BillableConversion[];
  /** Billed in an earlier period, reversed since, not credited yet. */
  reversals: readonly ReversedConversion[];
  /** Rule 6: by month. */
  late?: readonly LateConversions[];
}

export interface CpaPeriodDraft {
  lines: DraftLine[];
  total: string;
  flags: DraftFlag[];
  /** Each billed conversion's exact amount (its payout, and for tiered lines its share of the tier line). */
  perConversion: Map<string, string>;
}

/** The engine model of a type's payout (rule 1); without its flat part on a tiered line (rule 4). */
export function payoutModel(payout: CpaPayout, withFlat = true): PricingModel {
  return {
    model: "percentage",
    rate: payout.percentOfValue ?? "0",
    fixedFee: withFlat ? (payout.flat ?? "0") : "0",
    freeUnits: null,
    freeEvents: null,
    minPerEvent: payout.minPerConversion,
    maxPerEvent: payout.maxPerConversion,
  };
}

/** One conversion's payout under its line (rule 1), exact; null when the line pays nothing for its type. */
export function conversionPayout(line: CpaLine, type: string, value: string | null): string | null {
  const payout = line.payouts.find((p) => p.conversionType === type);
  return payout ? price(payoutModel(payout), { events: [value ?? "0"] }).amount : null;
}

interface Placed {
  conversion: BillableConversion;
  version: ApprovedVersion<ContractTerms>;
  line: CpaLine;
  payout: CpaPayout;
}

export function priceCpaPeriod(input: CpaPeriodInput): CpaPeriodDraft {
  const { contract, period } = input;
  if (!(period.from <= period.to)) throw new RangeError(`The period ends (${period.to}) before it starts (${period.from})`);
  if (!Object.hasOwn(CURRENCY_MINOR_UNITS, contract.currency)) throw new RangeError(`Unknown currency ${contract.currency}`);

  // Exact text as the engine priced it; a Decimal once a tier share is added to it.
  const perConversion = new Map<string, Dec | string>();
  const { lines: monthLines, flags } = conversionLines(input, period, input.conversions, perConversion);
  const exactLines = [...monthLines];
  for (const late of [...(input.late ?? [])].sort((a, b) => (a.corrects.period < b.corrects.period ? -1 : 1))) {
    const priced = conversionLines(input, late.month, late.conversions, perConversion, late);
    exactLines.push(...priced.lines);
    flags.push(...priced.flags);
  }
  exactLines.push(...creditLines(input.reversals));

  const lines = exactLines.map((l) => roundedLine(l, contract));
  const total = lines.reduce((sum, l) => sum.plus(l.amount), ZERO).toFixed(CURRENCY_MINOR_UNITS[contract.currency]);
  return { lines, total, flags, perConversion: new Map([...perConversion].map(([id, amount]) => [id, typeof amount === "string" ? amount : exact(amount)])) };
}

/** The UTC calendar day of an instant: read off the text when it is already in UTC, as the database's are. */
const utcDay = (instant: string): IsoDate => (instant[10] === "T" && instant.endsWith("Z") ? instant.slice(0, 10) : new Date(instant).toISOString().slice(0, 10));

/** Rules 1–4 for conversions of one month: the period's own, or (rule 6) an earlier month's late approvals. */
function conversionLines(input: CpaPeriodInput, month: DateRange, conversions: readonly BillableConversion[], perConversion: Map<string, Dec | string>, late?: LateConversions) {
  const { placed, flags } = placeConversions(input, month, conversions);
  const lines: ExactLine[] = [];
  for (const [lineKey, group] of [...groupBy(placed, (p) => p.conversion.lineKey)].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const lastTerms = group.at(-1)!;
    const tiers = lastTerms.line.tiered;
    lines.push(...typeLines(lineKey, group, tiers !== null, perConversion, late));
    if (tiers) lines.push(tierLine(lineKey, group, tiers, lastTerms.version, perConversion, late));
  }
  return { lines, flags };
}

/** " of October 2026, approved after INV-2026-000123 was issued" */
const lateWords = (late: LateConversions) => ` of ${periodLabel(late.corrects.period)}, approved after ${late.corrects.invoiceNumber} was issued`;

/** Each conversion with the line and payout of the terms in force on its day, in time order (then by id). */
function placeConversions(input: CpaPeriodInput, month: DateRange, conversions: readonly BillableConversion[]): { placed: Placed[]; flags: DraftFlag[] } {
  const inOrder = [...conversions].sort((a, b) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1));
  const placed: Placed[] = [];
  const notInForce = new Map<string, number>();
  for (const conversion of inOrder) {
    const day = utcDay(conversion.occurredAt);
    if (day < month.from || day > month.to) throw new RangeError(`Conversion ${conversion.id} on ${day} is outside ${month.from} … ${month.to}`);
    const version = termsInForceOn(input.versions, input.contract.term, day);
    const line = version?.terms.cpaLines.find((l) => l.key === conversion.lineKey);
    const payout = line?.payouts.find((p) => p.conversionType === conversion.type);
    if (!version || !line || !payout) notInForce.set(conversion.lineKey, (notInForce.get(conversion.lineKey) ?? 0) + 1);
    else placed.push({ conversion, version, line, payout });
  }
  const flags: DraftFlag[] = [...notInForce].map(([lineKey, conversions]) => ({
    kind: "CPA_LINE_NOT_IN_FORCE",
    lineKey,
    conversions,
    message: `${conversions} approved conversion${conversions === 1 ? "" : "s"} on a day whose terms no longer pay for ${conversions === 1 ? "it" : "them"} on this line: not billed`,
  }));
  return { placed, flags };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key) ?? groups.set(key, []).get(key)!;
    group.push(item);
  }
  return groups;
}

/** Rule 3: one line per (terms version, conversion type), by version, then type. */
function typeLines(lineKey: string, group: Placed[], tiered: boolean, perConversion: Map<string, Dec | string>, late?: LateConversions): ExactLine[] {
  const groups = [...groupBy(group, (p) => `${p.version.number}|${p.conversion.type}`).values()];
  groups.sort(([a], [b]) => a.version.number - b.version.number || (a.conversion.type < b.conversion.type ? -1 : a.conversion.type > b.conversion.type ? 1 : 0));
  return groups.flatMap((same): ExactLine[] => {
    const { version, line, payout } = same[0];
    const values = same.map((p) => p.conversion.value ?? "0");
    const priced = price(payoutModel(payout, !tiered), { events: values });
    const clamped = { min: 0, max: 0 };
    priced.breakdown.forEach((item, i) => {
      if (item.kind !== "event") return;
      if (item.clampedTo) clamped[item.clampedTo] += 1;
      perConversion.set(same[i].conversion.id, item.amount);
    });
    // A tiered line whose type pays no percentage has nothing left per type: the tier line bills it.
    if (tiered && payout.percentOfValue === null && payout.minPerConversion === null) return [];
    const type = same[0].conversion.type;
    return [
      {
        key: `${late ? `cpa-late:${late.corrects.period}` : "cpa"}:${lineKey}:v${version.number}:${type}`,
        kind: "CPA",
        lineKey,
        description: `${line.name} — ${same.length} ${type} conversion${same.length === 1 ? "" : "s"}${late ? lateWords(late) : ""}${tiered ? ", share of value" : ""} (v${version.number})`,
        quantity: String(same.length),
        unrounded: new Dec(priced.amount),
        trace: {
          kind: "CPA",
          versionId: version.id,
          versionNumber: version.number,
          conversionType: type,
          conversions: same.length,
          valueSum: exact(values.reduce((sum, v) => sum.plus(v), ZERO)),
          payout,
          tiered,
          clamped,
          conversionIds: same.slice(0, MAX_TRACED_IDS).map((p) => p.conversion.id),
          ...(late && { corrects: late.corrects }),
        },
      },
    ];
  });
}

/**
 * Rule 4: the period's conversions of a tiered line priced by the tier model; each conversion's marginal share. Late
 * approvals (rule 6) go on from the conversions their month billed before them.
 */
function tierLine(lineKey: string, group: Placed[], model: PricingModel, version: ApprovedVersion<ContractTerms>, perConversion: Map<string, Dec | string>, late?: LateConversions): ExactLine {
  const billedBefore = late?.billedBefore[lineKey] ?? 0;
  // None before: from zero, not from price(0), so the first conversion also carries the first tier's flat fee.
  const priceBefore = billedBefore > 0 ? price(model, { units: String(billedBefore) }) : null;
  const start = new Dec(priceBefore?.amount ?? 0);
  let before = start;
  group.forEach((p, i) => {
    const through = new Dec(price(model, { units: String(billedBefore + i + 1) }).amount);
    perConversion.set(p.conversion.id, new Dec(perConversion.get(p.conversion.id) ?? ZERO).plus(through.minus(before)));
    before = through;
  });
  const priced = price(model, { units: String(billedBefore + group.length) });
  const conversions = `${group.length} conversion${group.length === 1 ? "" : "s"}`;
  return {
    key: late ? `cpa-tier-late:${late.corrects.period}:${lineKey}` : `cpa-tier:${lineKey}`,
    kind: "CPA_TIER",
    lineKey,
    description: late
      ? `${group.at(-1)!.line.name} — ${conversions} of ${periodLabel(late.corrects.period)} on volume tiers, after the ${billedBefore} billed; approved after ${late.corrects.invoiceNumber} was issued (v${version.number})`
      : `${group.at(-1)!.line.name} — ${conversions} on volume tiers (v${version.number})`,
    quantity: String(group.length),
    unrounded: new Dec(priced.amount).minus(start),
    trace: {
      kind: "CPA_TIER",
      versionId: version.id,
      versionNumber: version.number,
      model,
      conversions: billedBefore + group.length,
      price: priced,
      ...(late && { corrects: { ...late.corrects, billedBefore, priceBefore: priceBefore ?? price(model, { units: "0" }) } }),
    },
  };
}

/** Rule 5: what reversed conversions were billed, credited back per line. */
function creditLines(reversals: readonly ReversedConversion[]): ExactLine[] {
  const byLine = groupBy([...reversals].sort((a, b) => (a.id < b.id ? -1 : 1)), (r) => r.lineKey);
  return [...byLine].map(([lineKey, reversed]) => {
    const credited = reversed.reduce((sum, r) => sum.plus(r.billedAmount), ZERO);
    return {
      key: `cpa-credit:${lineKey}`,
      kind: "CPA_CREDIT",
      lineKey,
      description: `${lineKey} — credit for ${reversed.length} reversed conversion${reversed.length === 1 ? "" : "s"} billed in ${[...new Set(reversed.map((r) => r.billedPeriod))].sort().join(", ")}`,
      quantity: String(reversed.length),
      unrounded: credited.negated(),
      trace: { kind: "CPA_CREDIT", conversions: reversed.length, reversed: reversed.map((r) => ({ conversionId: r.id, billedPeriod: r.billedPeriod, billedAmount: r.billedAmount, reason: r.reason })) },
    };
  });
}
