// What a contract owes for one billing period from its CPM lines and recurring fees: the draft a billing run turns
// into an invoice and `tally preview` shows. Pure and deterministic: the same input gives the same draft, line for
// line. CPA lines are priced elsewhere and ignored here.
//
// Semantics (every number a finance person sees can be derived from these rules and the line's trace):
//  1. Timeline. Only days in the period and in the term in force count (termsTimeline). Each CPM line, by key, is
//     cut into segments of consecutive days priced alike: same terms version and same rate card version (a line
//     without a pinned version follows the card version in force each day, so a card price change splits it).
//     Delivery for a day outside every slice, or for a key the terms in force that day do not have, is not billed.
//  2. Billable impressions per day follow the billable source in force that day: FIRST_PARTY → first party,
//     THIRD_PARTY → third party, LOWER_OF_BOTH → the lower of the two; a source that sent nothing counts as 0.
//  3. Tiers fill over the whole period: segments are priced in order on cumulative period impressions, a segment
//     owing price(its model, impressions through its end) − price(its model, impressions before it). The first
//     segment subtracts nothing, so a one-segment line is exactly price(model, period impressions) and a first-tier
//     flat fee is billed once, in the first segment. A line in force with no delivery still gets its line.
//  4. Discrepancy: |first − third| ÷ first × 100 over the period, against the threshold of the line's last terms in
//     the period; above it (or any third-party count against no first-party count, reported as 100%) the line is
//     flagged for review, its amounts still computed. The percent shows 2 decimals rounded up, so that a flagged
//     figure never reads as equal to its threshold; the comparison itself is exact.
//  5. Limits: the period cap and the lifetime budget left (budget − billed before this period) of the terms in force
//     at each segment. Days are walked in order: what is billed so far plus the segment's uncapped amount so far,
//     held to the segment's limits. When a limit changes at an amendment, what the old limit held back stays unbilled
//     and a lower limit holds the total down. The capped total is taken off the segments from the last backward,
//     and the last billed segment takes the limit less what the others round to, so the rounded lines add up to the
//     rounded cap.
//     A flag names the first day the running amount exceeded the limit, the uncapped total, billed and remainder.
//  6. Minimum commitment of the line's last terms in the period, over its commitment periods: MONTHLY = calendar
//     months (prorated by the days of the month in the term), QUARTERLY = 3-month blocks from the term start (a block
//     cut short by the end of the term is prorated by its days in force), TERM = the term to its last day in force.
//     For each commitment period ending in this billing period, shortfall = committed − (billed before this period
//     in that commitment period + capped CPM amount of its days in this period); a positive shortfall is a true-up.
//  7. Agency commission: one negative line per CPM line, −Σ (capped segment amount × its terms' percent) − true-up ×
//     the last terms' percent, all ÷ 100; present when any of those percents is above zero.
//  8. Recurring fees, per terms slice and per calendar month: MONTHLY fees bill amount × days covered (the slice ∩ the
//     fee's own dates) ÷ days in the month. A ONE_OFF fee is due on its start date (the term start when it has none; a date outside the term
//     counts as the term's nearest day):
//     billed once, in the period holding that date, under the terms in force that day, or the first later terms in
//     the period that have it (an amendment adding a fee dated before it takes effect still bills it).
//  9. Every line is rounded once (roundLine, the contract's mode) from its exact amount; the total is the sum of the
//     rounded lines. Exact amounts stay in `unrounded` and the trace; prorations divide once, at the end.
// 10. A rate card, entry or version that cannot be found for a day leaves that day unpriced and raises one
//     MISSING_PRICE flag per run of such days; it never throws. Malformed input (a period ending before it starts,
//     an unknown currency, duplicate or impossible delivery counts) does.
import { addDays, addMonths, daysInclusive, daysInMonth, maxDate, nextDay } from "../contracts/dates";
import { lastDayInForce, termsTimeline, type ApprovedVersion, type ContractTerm, type TermsSlice } from "../contracts/effective-terms";
import type { ContractTerms, CpmLine, IsoDate } from "../contracts/terms";
import { CURRENCY_MINOR_UNITS, formatAmount } from "../money";
import { price, roundLine, type PriceResult, type RoundingMode } from "../pricing/engine";
import type { PricingModel } from "../pricing/pricing-model";
import { rateCardEntryFor, rateCardVersionFor, type RateCardVersionOf } from "../pricing/rate-card";
import { roundedLine, type BillableSource, type CpmPricingTrace, type DraftFlag, type DraftLine, type ExactLine } from "./draft-line";
import { eachDay, exact, ExactDec as Dec, intersect, lastDayOfMonth, prorate, splitByMonth, type DateRange } from "./proration";

const ZERO = new Dec(0);

// ─── Input and output ────────────────────────────────────────────────────────────────────────────────────────────

export type RateCardVersion = RateCardVersionOf & { id: string };

export interface DeliveryDay {
  lineKey: string;
  day: IsoDate;
  /** Null: no record from that source for the day. */
  firstParty: number | null;
  thirdParty: number | null;
}

export interface PriorBilling {
  lineKey: string;
  /** Exact amounts already billed for the CPM line: over its lifetime, and within the commitment period still open at period start. */
  lifetimeBilled: string;
  commitmentPeriodBilled: string;
}

export interface CpmPeriodInput {
  contract: { number: string; currency: string; roundingMode: RoundingMode; term: ContractTerm };
  /** Usually a calendar month; inclusive. */
  period: DateRange;
  versions: readonly ApprovedVersion<ContractTerms>[];
  /** Every version of each rate card the lines reference, by rate card name. */
  rateCards: Record<string, readonly RateCardVersion[]>;
  /** Current (non-superseded) daily counts, at most one row per line and day. */
  delivery: readonly DeliveryDay[];
  prior?: readonly PriorBilling[];
  /** false: leave the per-day chart (`days`) empty. It prices every day of every line; drafting has no use for it. */
  chart?: boolean;
}

export interface DraftDay {
  lineKey: string;
  day: IsoDate;
  firstParty: number;
  thirdParty: number;
  billable: number;
  /** The line's uncapped CPM amount from the period start through this day, exact. */
  cumulativeAmount: string;
}

export interface PeriodDraft {
  lines: DraftLine[];
  total: string;
  flags: DraftFlag[];
  days: DraftDay[];
}

// ─── The period ──────────────────────────────────────────────────────────────────────────────────────────────────

type Contract = CpmPeriodInput["contract"];

export function priceCpmPeriod(input: CpmPeriodInput): PeriodDraft {
  const { contract, period } = input;
  if (!(period.from <= period.to)) throw new RangeError(`The period ends (${period.to}) before it starts (${period.from})`);
  if (!Object.hasOwn(CURRENCY_MINOR_UNITS, contract.currency)) throw new RangeError(`Unknown currency ${contract.currency}`);

  const slices = termsTimeline(input.versions, contract.term, period);
  const delivery = indexDelivery(input.delivery);
  const prior = indexPrior(input.prior ?? []);

  const feeLines = priceRecurringFees(slices, contract.term, period);
  const cpmLines = [...cpmLineDays(slices, input.rateCards, delivery)].map(([lineKey, days]) =>
    priceCpmLine({ lineKey, days, contract, period, prior: prior.get(lineKey) ?? { lifetimeBilled: ZERO, commitmentPeriodBilled: ZERO }, chart: input.chart ?? true }),
  );

  const lines = [...feeLines, ...cpmLines.flatMap((l) => l.lines)].map((line) => roundedLine(line, contract));
  const total = lines.reduce((sum, l) => sum.plus(l.amount), ZERO).toFixed(CURRENCY_MINOR_UNITS[contract.currency]);
  return { lines, total, flags: cpmLines.flatMap((l) => l.flags), days: cpmLines.flatMap((l) => l.days) };
}

function indexDelivery(rows: readonly DeliveryDay[]): Map<string, DeliveryDay> {
  const index = new Map<string, DeliveryDay>();
  for (const row of rows) {
    for (const count of [row.firstParty, row.thirdParty]) {
      if (count !== null && !(Number.isSafeInteger(count) && count >= 0)) throw new RangeError(`Impossible impression count ${count} for ${row.lineKey} on ${row.day}`);
    }
    const key = `${row.lineKey}|${row.day}`;
    if (index.has(key)) throw new RangeError(`Two delivery rows for ${row.lineKey} on ${row.day}: pass only the current counts`);
    index.set(key, row);
  }
  return index;
}

interface Prior {
  lifetimeBilled: Dec;
  commitmentPeriodBilled: Dec;
}

function indexPrior(rows: readonly PriorBilling[]): Map<string, Prior> {
  const index = new Map<string, Prior>();
  for (const row of rows) {
    if (index.has(row.lineKey)) throw new RangeError(`Two prior billing rows for ${row.lineKey}`);
    index.set(row.lineKey, { lifetimeBilled: new Dec(row.lifetimeBilled), commitmentPeriodBilled: new Dec(row.commitmentPeriodBilled) });
  }
  return index;
}

// ─── Recurring fees ──────────────────────────────────────────────────────────────────────────────────────────────

function priceRecurringFees(slices: TermsSlice<ContractTerms>[], term: ContractTerm, period: DateRange): ExactLine[] {
  // Lines are grouped by fee, fees in the order they first appear, each fee's lines in date order.
  const feeOrder = new Map<string, number>();
  for (const slice of slices) for (const fee of slice.version.terms.recurringFees) if (!feeOrder.has(fee.key)) feeOrder.set(fee.key, feeOrder.size);
  const lines = [...monthlyFeeLines(slices), ...oneOffFeeLines(slices, term, period)];
  return lines.sort((a, b) => feeOrder.get(a.lineKey)! - feeOrder.get(b.lineKey)!);
}

function monthlyFeeLines(slices: TermsSlice<ContractTerms>[]): ExactLine[] {
  const lines: ExactLine[] = [];
  for (const { version, ...slice } of slices) {
    for (const month of splitByMonth(slice)) {
      for (const fee of version.terms.recurringFees) {
        if (fee.frequency !== "MONTHLY") continue;
        const covered = intersect(month, { from: fee.startDate ?? month.from, to: fee.endDate ?? month.to });
        if (!covered) continue;
        const days = daysInclusive(covered.from, covered.to);
        const outOf = daysInMonth(covered.from);
        lines.push({
          key: `fee:${fee.key}:v${version.number}:${covered.from}`,
          kind: "RECURRING_FEE",
          lineKey: fee.key,
          description: `${fee.name} — ${dayRange(covered)}, ${days}/${outOf} days (v${version.number})`,
          quantity: String(days),
          unrounded: prorate(fee.amount, days, outOf),
          trace: { kind: "RECURRING_FEE", versionId: version.id, versionNumber: version.number, feeKey: fee.key, monthlyAmount: fee.amount, ...covered, days, daysInMonth: outOf },
        });
      }
    }
  }
  return lines;
}

function oneOffFeeLines(slices: TermsSlice<ContractTerms>[], term: ContractTerm, period: DateRange): ExactLine[] {
  const billed = new Set<string>();
  const lines: ExactLine[] = [];
  for (const { version, to } of slices) {
    for (const fee of version.terms.recurringFees) {
      if (fee.frequency !== "ONE_OFF" || billed.has(fee.key)) continue;
      // A date outside the term is due on the term's nearest day: the fee is part of what the contract commits.
      const dated = fee.startDate ?? term.start;
      const dueOn = dated < term.start ? term.start : dated > term.end ? term.end : dated;
      // Slices come in date order, so the first one reaching the due date is the one holding it, or the first
      // later one whose terms have the fee.
      if (dueOn < period.from || dueOn > period.to || dueOn > to) continue;
      billed.add(fee.key);
      lines.push({
        key: `fee:${fee.key}:v${version.number}`,
        kind: "ONE_OFF_FEE",
        lineKey: fee.key,
        description: `${fee.name} — one-off, due ${dayRange({ from: dueOn, to: dueOn })} (v${version.number})`,
        quantity: "1",
        unrounded: new Dec(fee.amount),
        trace: { kind: "ONE_OFF_FEE", versionId: version.id, versionNumber: version.number, feeKey: fee.key, amount: fee.amount, dueOn },
      });
    }
  }
  return lines;
}

// ─── CPM lines: the days each line is in force ───────────────────────────────────────────────────────────────────

interface ResolvedPrice {
  /** Days priced alike share this id: the rate card version, or the terms version for an override. */
  id: string;
  model: PricingModel;
  trace: CpmPricingTrace;
}

interface LineDay {
  day: IsoDate;
  version: ApprovedVersion<ContractTerms>;
  line: CpmLine;
  price: ResolvedPrice | { missing: string };
  firstParty: number;
  thirdParty: number;
  billable: number;
}

/** Every day of the timeline on which each CPM line is in force, by line key in order of first appearance. */
function cpmLineDays(slices: TermsSlice<ContractTerms>[], rateCards: CpmPeriodInput["rateCards"], delivery: Map<string, DeliveryDay>): Map<string, LineDay[]> {
  const byLine = new Map<string, LineDay[]>();
  // A day's price depends on the line, its terms version and the rate card version in force: resolved once for each.
  const prices = new Map<string, ResolvedPrice | { missing: string }>();
  for (const { version, ...slice } of slices) {
    for (const day of eachDay(slice)) {
      for (const line of version.terms.cpmLines) {
        const counts = delivery.get(`${line.key}|${day}`);
        const firstParty = counts?.firstParty ?? 0;
        const thirdParty = counts?.thirdParty ?? 0;
        const cardVersion = line.pricing.source === "RATE_CARD" ? (rateCardVersionFor(rateCards[line.pricing.rateCard] ?? [], day, line.pricing.pinnedVersion)?.id ?? "none") : "override";
        const priceKey = `${version.id}|${line.key}|${cardVersion}`;
        let price = prices.get(priceKey);
        if (!price) prices.set(priceKey, (price = resolvePrice(line, version, day, rateCards)));
        const days = byLine.get(line.key) ?? byLine.set(line.key, []).get(line.key)!;
        days.push({ day, version, line, price, firstParty, thirdParty, billable: billableImpressions(line.billableSource, firstParty, thirdParty) });
      }
    }
  }
  return byLine;
}

export function billableImpressions(source: BillableSource, firstParty: number, thirdParty: number): number {
  switch (source) {
    case "FIRST_PARTY":
      return firstParty;
    case "THIRD_PARTY":
      return thirdParty;
    case "LOWER_OF_BOTH":
      return Math.min(firstParty, thirdParty);
  }
}

function resolvePrice(line: CpmLine, version: ApprovedVersion<ContractTerms>, day: IsoDate, rateCards: CpmPeriodInput["rateCards"]): ResolvedPrice | { missing: string } {
  if (line.pricing.source === "OVERRIDE") return { id: `override:${version.id}`, model: line.pricing.model, trace: { source: "OVERRIDE" } };
  const { rateCard, entry, pinnedVersion } = line.pricing;
  const cardVersions = rateCards[rateCard] ?? [];
  const found = rateCardEntryFor(cardVersions, entry, day, pinnedVersion);
  if (found) {
    return {
      id: `rate-card:${found.version.id}`,
      model: found.entry.model,
      trace: { source: "RATE_CARD", rateCard, entry, rateCardVersionId: found.version.id, rateCardVersion: found.version.number, pinned: pinnedVersion !== null },
    };
  }
  // The messages leave the day out so that a run of days missing for the same reason raises one flag.
  if (cardVersions.length === 0) return { missing: `No rate card “${rateCard}”` };
  const cardVersion = rateCardVersionFor(cardVersions, day, pinnedVersion);
  if (!cardVersion) return { missing: pinnedVersion === null ? `Rate card “${rateCard}” has no version in force yet` : `Rate card “${rateCard}” has no version ${pinnedVersion}` };
  return { missing: `Rate card “${rateCard}” v${cardVersion.number} has no entry “${entry}”` };
}

// ─── CPM lines: pricing one line over the period ─────────────────────────────────────────────────────────────────

interface LineContext {
  lineKey: string;
  /** Every day the line is in force in the period, in order. */
  days: LineDay[];
  contract: Contract;
  period: DateRange;
  prior: Prior;
  chart: boolean;
}

function priceCpmLine(ctx: LineContext): { lines: ExactLine[]; flags: DraftFlag[]; days: DraftDay[] } {
  const segments = priceSegments(segmentsOf(ctx.days));
  const uncapped = segments.reduce((sum, s) => sum.plus(s.uncapped), ZERO);
  const walk = walkLimits(segments, ctx.prior.lifetimeBilled);
  const held = takeOffFromLast(segments.map((s) => s.uncapped), walk.billed);
  const billedAmounts = walk.billed.lessThan(uncapped) ? allocateInMinorUnits(held, walk.billed, ctx.contract) : held;
  const cpmLines = segments.map((s, i) => cpmDraftLine(ctx, s, billedAmounts[i]));
  const trueUps = minimumTrueUps(ctx, walk);
  const lastTerms = ctx.days.at(-1)!.line;
  const commission = agencyCommission(ctx, [
    ...cpmLines.map((l, i) => ({ draftLineKey: l.key, base: l.unrounded, percent: segments[i].line.agencyCommissionPercent })),
    ...trueUps.map((l) => ({ draftLineKey: l.key, base: l.unrounded, percent: lastTerms.agencyCommissionPercent })),
  ]);
  return {
    lines: [...cpmLines, ...trueUps, ...(commission ? [commission] : [])],
    flags: [...missingPriceFlags(ctx), ...discrepancyFlags(ctx), ...limitFlags(ctx.lineKey, walk, uncapped)],
    days: ctx.chart ? chartDays(ctx, segments) : [],
  };
}

interface Segment {
  version: ApprovedVersion<ContractTerms>;
  line: CpmLine;
  price: ResolvedPrice;
  days: LineDay[];
}

/** Consecutive priced days under the same terms version and price; an unpriced day ends a segment. */
function segmentsOf(days: LineDay[]): Segment[] {
  const segments: Segment[] = [];
  for (const d of days) {
    if ("missing" in d.price) continue;
    const last = segments.at(-1);
    if (last && last.version.id === d.version.id && last.price.id === d.price.id && nextDay(last.days.at(-1)!.day) === d.day) last.days.push(d);
    else segments.push({ version: d.version, line: d.line, price: d.price, days: [d] });
  }
  return segments;
}

interface PricedSegment extends Segment {
  impressionsBefore: number;
  impressionsThrough: number;
  priceBefore: PriceResult | null;
  priceThrough: PriceResult;
  /** The line's uncapped amount in the period before this segment. */
  amountBefore: Dec;
  /** …and through the segment's i-th day: priced when first asked for (only limits, commitments and the chart ask). */
  amountThrough: (i: number) => Dec;
  uncapped: Dec;
}

const impressionUnits = (n: number) => ({ units: String(n) });

/** Tiers fill over the period: each segment prices the cumulative impressions and owes the increase over what came before. */
function priceSegments(segments: Segment[]): PricedSegment[] {
  let impressions = 0;
  let amount = ZERO;
  return segments.map((segment, i) => {
    const model = segment.price.model;
    // The first segment subtracts nothing, so its first tier's flat fee is owed even when nothing was delivered;
    // later segments subtract their own model's price of what came before, so that fee is never owed twice.
    const priceBefore = i === 0 ? null : price(model, impressionUnits(impressions));
    const base = priceBefore ? new Dec(priceBefore.amount) : ZERO;
    const [impressionsBefore, amountBefore] = [impressions, amount];
    const cumulative = segment.days.map((d) => {
      impressions += d.billable;
      if (!Number.isSafeInteger(impressions)) throw new RangeError("Impressions in the period exceed what can be counted exactly");
      return impressions;
    });
    const priceThrough = price(model, impressionUnits(impressions));
    const uncapped = new Dec(priceThrough.amount).minus(base);
    amount = amount.plus(uncapped);
    const last = cumulative.length - 1;
    const through = new Map<number, Dec>([[last, amountBefore.plus(uncapped)]]);
    const amountThrough = (day: number) => {
      let value = through.get(day);
      if (value === undefined) through.set(day, (value = amountBefore.plus(price(model, impressionUnits(cumulative[day])).amount).minus(base)));
      return value;
    };
    return { ...segment, impressionsBefore, impressionsThrough: impressions, priceBefore, priceThrough, amountBefore, amountThrough, uncapped };
  });
}

interface Limits {
  periodCap: Dec | null;
  /** The lifetime budget less what was billed before this period, never below zero. */
  budgetLeft: Dec | null;
}

function limitsOf(line: CpmLine, lifetimeBilled: Dec): Limits {
  return {
    periodCap: line.periodCap === null ? null : new Dec(line.periodCap),
    budgetLeft: line.lifetimeBudget === null ? null : Dec.max(ZERO, new Dec(line.lifetimeBudget).minus(lifetimeBilled)),
  };
}

interface LimitWalk {
  /** The CPM amount billed for the period: the uncapped amount held to the limits. */
  billed: Dec;
  /** The billed running amount after each priced day, in day order (worked out when asked for). */
  billedThrough: Array<[IsoDate, () => Dec]>;
  periodCapReachedOn: IsoDate | null;
  budgetReachedOn: IsoDate | null;
}

function walkLimits(segments: PricedSegment[], lifetimeBilled: Dec): LimitWalk {
  const walk: LimitWalk = { billed: ZERO, billedThrough: [], periodCapReachedOn: null, budgetReachedOn: null };
  let billed = ZERO;
  for (const segment of segments) {
    const { periodCap, budgetLeft } = limitsOf(segment.line, lifetimeBilled);
    const billedBefore = billed;
    const running = (i: number) => billedBefore.plus(segment.amountThrough(i)).minus(segment.amountBefore);
    if (!periodCap && !budgetLeft) {
      // Nothing to hold it to: each day's running amount is only priced if a commitment period asks for it.
      segment.days.forEach((d, i) => walk.billedThrough.push([d.day, () => running(i)]));
      billed = running(segment.days.length - 1);
      continue;
    }
    segment.days.forEach((d, i) => {
      const uncapped = running(i);
      if (periodCap && !walk.periodCapReachedOn && uncapped.greaterThan(periodCap)) walk.periodCapReachedOn = d.day;
      if (budgetLeft && !walk.budgetReachedOn && uncapped.greaterThan(budgetLeft)) walk.budgetReachedOn = d.day;
      billed = [periodCap, budgetLeft].reduce<Dec>((held, limit) => (limit ? Dec.min(held, limit) : held), uncapped);
      const held = billed;
      walk.billedThrough.push([d.day, () => held]);
    });
  }
  walk.billed = Dec.max(ZERO, billed);
  return walk;
}

/** The billed running amount through `day`: what was billed by the last priced day on or before it. */
function billedThrough(walk: LimitWalk, day: IsoDate): Dec {
  let billed = (): Dec => ZERO;
  for (const [d, amount] of walk.billedThrough) {
    if (d > day) break;
    billed = amount;
  }
  return Dec.max(ZERO, billed());
}

/** Segment amounts reduced from the last backward until they sum to `total` (a cap keeps the earliest delivery billed). */
function takeOffFromLast(amounts: Dec[], total: Dec): Dec[] {
  let excess = amounts.reduce((sum, a) => sum.plus(a), ZERO).minus(total);
  if (excess.isNegative()) {
    // Only when the uncapped amounts sum below zero (volume tiers priced across an amendment) and nothing is billed.
    return amounts.map((a, i) => (i === amounts.length - 1 ? a.minus(excess) : a));
  }
  const reduced = [...amounts];
  for (let i = reduced.length - 1; i >= 0 && excess.greaterThan(0); i--) {
    const cut = Dec.min(excess, Dec.max(ZERO, reduced[i]));
    reduced[i] = reduced[i].minus(cut);
    excess = excess.minus(cut);
  }
  return reduced;
}

/**
 * A limit's billed total split across segments so that their rounded lines add up to the rounded limit: the last
 * billed segment takes the total less what the others round to. (Rounding each capped segment on its own could put
 * the lines a cent over the cap.) The others keep their exact amounts.
 */
function allocateInMinorUnits(amounts: Dec[], total: Dec, contract: Contract): Dec[] {
  const last = amounts.reduce((found, a, i) => (a.greaterThan(0) ? i : found), -1);
  if (last <= 0) return amounts;
  const others = amounts.slice(0, last).reduce((sum, a) => sum.plus(roundLine(exact(a), contract.currency, contract.roundingMode)), ZERO);
  // Never below zero: only a last segment of a fraction of a cent after others rounded up could get there.
  return amounts.map((a, i) => (i === last ? Dec.max(ZERO, total.minus(others)) : a));
}

function cpmDraftLine(ctx: LineContext, s: PricedSegment, amount: Dec): ExactLine {
  const range = { from: s.days[0].day, to: s.days.at(-1)!.day };
  const billable = s.impressionsThrough - s.impressionsBefore;
  const capped = !amount.equals(s.uncapped);
  const card = s.price.trace.source === "RATE_CARD" ? `, ${s.price.trace.rateCard} v${s.price.trace.rateCardVersion}` : "";
  return {
    key: `cpm:${ctx.lineKey}:v${s.version.number}:${range.from}`,
    kind: "CPM",
    lineKey: ctx.lineKey,
    description: `${s.line.name} — ${groupDigits(String(billable))} impressions, ${dayRange(range)} (v${s.version.number}${card})${capped ? ", capped" : ""}`,
    quantity: String(billable),
    unrounded: amount,
    trace: {
      kind: "CPM",
      versionId: s.version.id,
      versionNumber: s.version.number,
      ...range,
      pricing: s.price.trace,
      model: s.price.model,
      billableSource: s.line.billableSource,
      impressions: { firstParty: sumOf(s.days, (d) => d.firstParty), thirdParty: sumOf(s.days, (d) => d.thirdParty), billable },
      cumulativeImpressions: { before: s.impressionsBefore, through: s.impressionsThrough },
      priceBefore: s.priceBefore,
      priceThrough: s.priceThrough,
      uncappedUnrounded: exact(s.uncapped),
      capped,
      limits: { periodCap: s.line.periodCap, lifetimeBudget: s.line.lifetimeBudget, lifetimeBilledBefore: exact(ctx.prior.lifetimeBilled) },
    },
  };
}

const sumOf = <T>(items: readonly T[], count: (item: T) => number) => items.reduce((sum, item) => sum + count(item), 0);

// ─── CPM lines: minimum commitment and agency commission ─────────────────────────────────────────────────────────

interface CommitmentPeriod extends DateRange {
  committed: Dec;
  proration: { days: number; outOf: number } | null;
}

type MinimumCommitment = NonNullable<CpmLine["minimumCommitment"]>;

/** The commitment periods that end inside the billing period, each cut to the term in force and prorated if cut. */
export function commitmentPeriodsEndingIn(commitment: MinimumCommitment, term: ContractTerm, period: DateRange): CommitmentPeriod[] {
  const inForce = { from: term.start, to: lastDayInForce(term) };
  return commitmentBlocks(commitment.period, inForce, period).flatMap((block) => {
    const cut = intersect(block, inForce);
    if (!cut || cut.to < period.from || cut.to > period.to) return [];
    const [days, outOf] = [daysInclusive(cut.from, cut.to), daysInclusive(block.from, block.to)];
    const whole = days === outOf;
    return [{ ...cut, committed: whole ? new Dec(commitment.amount) : prorate(commitment.amount, days, outOf), proration: whole ? null : { days, outOf } }];
  });
}

/** The full commitment periods that may end in the billing period, before cutting them to the term. */
function commitmentBlocks(kind: MinimumCommitment["period"], inForce: DateRange, period: DateRange): DateRange[] {
  switch (kind) {
    case "TERM":
      return [inForce];
    case "MONTHLY":
      return splitByMonth({ from: `${period.from.slice(0, 8)}01`, to: lastDayOfMonth(period.to) });
    case "QUARTERLY": {
      // Each block counted from the term start, never from the previous block, so month ends do not drift.
      const blocks: DateRange[] = [];
      for (let k = 0; addMonths(inForce.from, 3 * k) <= period.to; k++) {
        blocks.push({ from: addMonths(inForce.from, 3 * k), to: addDays(addMonths(inForce.from, 3 * k + 3), -1) });
      }
      return blocks;
    }
  }
}

function minimumTrueUps(ctx: LineContext, walk: LimitWalk): ExactLine[] {
  const { version, line } = ctx.days.at(-1)!;
  if (!line.minimumCommitment) return [];
  const commitment = line.minimumCommitment;
  return commitmentPeriodsEndingIn(commitment, ctx.contract.term, ctx.period).flatMap((cp): ExactLine[] => {
    // What was billed earlier in a commitment period open at period start comes from past invoices; its days in
    // this period from the walk (so a commitment period ending mid-period counts only its own days).
    const billedBefore = cp.from < ctx.period.from ? ctx.prior.commitmentPeriodBilled : ZERO;
    const billedThisPeriod = billedThrough(walk, cp.to).minus(billedThrough(walk, addDays(maxDate(cp.from, ctx.period.from), -1)));
    const shortfall = cp.committed.minus(billedBefore).minus(billedThisPeriod);
    if (!shortfall.greaterThan(0)) return [];
    const money = (d: Dec) => groupDigits(formatAmount(d.toFixed(), ctx.contract.currency));
    return [
      {
        key: `true-up:${ctx.lineKey}:${cp.from}`,
        kind: "MINIMUM_TRUE_UP",
        lineKey: ctx.lineKey,
        description: `${line.name} — minimum commitment true-up, ${dayRange(cp)}: committed ${money(cp.committed)}, billed ${money(billedBefore.plus(billedThisPeriod))}`,
        quantity: "1",
        unrounded: shortfall,
        trace: {
          kind: "MINIMUM_TRUE_UP",
          versionId: version.id,
          versionNumber: version.number,
          commitment: { amount: commitment.amount, period: commitment.period },
          from: cp.from,
          to: cp.to,
          committed: exact(cp.committed),
          proration: cp.proration,
          billedBefore: exact(billedBefore),
          billedThisPeriod: exact(billedThisPeriod),
          shortfall: exact(shortfall),
        },
      },
    ];
  });
}

/** The agency keeps its percent of what the line bills: each part at the percent of the terms it was billed under. */
function agencyCommission(ctx: LineContext, parts: Array<{ draftLineKey: string; base: Dec; percent: string }>): ExactLine | null {
  const charged = parts.filter((p) => new Dec(p.percent).greaterThan(0));
  if (charged.length === 0) return null;
  const amounts = charged.map((p) => p.base.times(p.percent).div(100).negated());
  const base = charged.reduce((sum, p) => sum.plus(p.base), ZERO);
  const percents = [...new Set(charged.map((p) => new Dec(p.percent).toFixed()))].map((p) => `${p}%`).join(" / ");
  return {
    key: `commission:${ctx.lineKey}`,
    kind: "AGENCY_COMMISSION",
    lineKey: ctx.lineKey,
    description: `${ctx.days.at(-1)!.line.name} — agency commission ${percents} of ${groupDigits(formatAmount(base.toFixed(), ctx.contract.currency))}`,
    quantity: exact(base),
    unrounded: amounts.reduce((sum, a) => sum.plus(a), ZERO),
    trace: {
      kind: "AGENCY_COMMISSION",
      base: exact(base),
      parts: charged.map((p, i) => ({ draftLineKey: p.draftLineKey, base: exact(p.base), percent: p.percent, amount: exact(amounts[i]) })),
    },
  };
}

// ─── CPM lines: flags and the delivery chart ─────────────────────────────────────────────────────────────────────

function missingPriceFlags(ctx: LineContext): DraftFlag[] {
  const runs: Array<DateRange & { message: string }> = [];
  for (const d of ctx.days) {
    if (!("missing" in d.price)) continue;
    const last = runs.at(-1);
    if (last && last.message === d.price.missing && nextDay(last.to) === d.day) last.to = d.day;
    else runs.push({ from: d.day, to: d.day, message: d.price.missing });
  }
  return runs.map((r) => ({ kind: "MISSING_PRICE", lineKey: ctx.lineKey, day: r.from, message: `${r.message}: ${dayRange(r)} not billed` }));
}

function discrepancyFlags(ctx: LineContext): DraftFlag[] {
  const firstParty = sumOf(ctx.days, (d) => d.firstParty);
  const thirdParty = sumOf(ctx.days, (d) => d.thirdParty);
  const threshold = ctx.days.at(-1)!.line.discrepancyThresholdPercent;
  const flag = (percent: string): DraftFlag[] => [{ kind: "DISCREPANCY", lineKey: ctx.lineKey, firstParty, thirdParty, percent, threshold }];
  // Third-party counts against none of our own: no percentage exists, and it always needs a look.
  if (firstParty === 0) return thirdParty > 0 ? flag("100") : [];
  // Compared without dividing: |first − third| × 100 > threshold × first.
  const difference = new Dec(Math.abs(firstParty - thirdParty)).times(100);
  if (!difference.greaterThan(new Dec(threshold).times(firstParty))) return [];
  return flag(difference.div(firstParty).toDecimalPlaces(2, Dec.ROUND_UP).toFixed());
}

function limitFlags(lineKey: string, walk: LimitWalk, uncapped: Dec): DraftFlag[] {
  const figures = { uncapped: exact(uncapped), billed: exact(walk.billed), remainder: exact(uncapped.minus(walk.billed)) };
  const flags: DraftFlag[] = [];
  if (walk.periodCapReachedOn) flags.push({ kind: "PERIOD_CAP_REACHED", lineKey, reachedOn: walk.periodCapReachedOn, ...figures });
  if (walk.budgetReachedOn) flags.push({ kind: "LIFETIME_BUDGET_REACHED", lineKey, reachedOn: walk.budgetReachedOn, ...figures });
  return flags;
}

/** One point per day in force: the line's uncapped amount so far (unpriced days carry the last amount forward). */
function chartDays(ctx: LineContext, segments: PricedSegment[]): DraftDay[] {
  const amountOn = new Map(segments.flatMap((s) => s.days.map((d, i) => [d.day, s.amountThrough(i)] as const)));
  let running = ZERO;
  return ctx.days.map((d) => {
    running = amountOn.get(d.day) ?? running;
    return { lineKey: ctx.lineKey, day: d.day, firstParty: d.firstParty, thirdParty: d.thirdParty, billable: d.billable, cumulativeAmount: exact(running) };
  });
}

// ─── Descriptions ────────────────────────────────────────────────────────────────────────────────────────────────

// Fixed names rather than Intl, whose short month names change between ICU releases ("Sep" / "Sept").
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dayMonth = (d: IsoDate) => `${Number(d.slice(8, 10))} ${MONTHS[Number(d.slice(5, 7)) - 1]}`;

/** "1–14 Oct", "28 Sep–3 Oct", "28 Dec 2026–3 Jan 2027". */
export function dayRange({ from, to }: DateRange): string {
  if (from === to) return dayMonth(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return `${Number(from.slice(8, 10))}–${dayMonth(to)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${dayMonth(from)}–${dayMonth(to)}`;
  return `${dayMonth(from)} ${from.slice(0, 4)}–${dayMonth(to)} ${to.slice(0, 4)}`;
}

/** "1234567.50" → "1,234,567.50". */
const groupDigits = (text: string) => {
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
};
