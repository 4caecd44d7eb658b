// One contract's month, priced from what the database holds: approved terms, the rate card versions its CPM lines
// name, current delivery, approved conversions of the month, reversals not yet credited, and adjustments for earlier
// invoiced months whose delivery changed after they were drafted. Saves nothing. The preview, billing runs and
// payout drafting all price a contract through this one function, so they can never disagree about a number.
import type { Db, Tx } from "../../db/client";
import { periodBounds } from "../../domain/billing/billing-period";
import { priceCpaPeriod, type BillableConversion, type CpaPeriodDraft, type ReversedConversion } from "../../domain/billing/cpa-period";
import { adjustmentKeyPrefix, DELIVERY_PRICED_KINDS, deliveryAdjustments } from "../../domain/billing/delivery-adjustment";
import type { DraftLine } from "../../domain/billing/draft-line";
import { commitmentPeriodsEndingIn, priceCpmPeriod, type PeriodDraft, type PriorBilling } from "../../domain/billing/cpm-period";
import { toIsoDate } from "../../domain/contracts/dates";
import { ZRateCardEntries } from "../../domain/pricing/rate-card";
import { CURRENCY_MINOR_UNITS, Dec } from "../../domain/money";
import { termsAtPeriodEnd, type ContractWithTerms } from "../contracts/contract-terms-in-force";
import { currentDelivery } from "../delivery/delivery-queries";

/** Every version of every rate card the contract's lines reference, by card name. */
async function rateCardsFor(db: Db | Tx, contract: ContractWithTerms) {
  const names = new Set<string>();
  for (const v of contract.versions) for (const l of v.terms.cpmLines) if (l.pricing.source === "RATE_CARD") names.add(l.pricing.rateCard);
  if (names.size === 0) return {};
  const cards = await db.rateCard.findMany({ where: { name: { in: [...names] } }, include: { versions: { orderBy: { number: "asc" } } } });
  return Object.fromEntries(
    cards.map((c) => [c.name, c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), entries: ZRateCardEntries.parse(v.entries) }))]),
  );
}

export type PricedConversion = BillableConversion & { partnerKey: string | null };
export type PendingReversal = ReversedConversion & { partnerKey: string | null };

/** Approved, eligible, not reversed conversions that occurred in the month (UTC). */
async function billableConversions(db: Db | Tx, contractId: string, bounds: { from: string; to: string }): Promise<PricedConversion[]> {
  const rows = await db.conversion.findMany({
    where: { contractId, eligibility: "ELIGIBLE", review: "APPROVED", reversedAt: null, occurredAt: { gte: new Date(`${bounds.from}T00:00:00Z`), lte: new Date(`${bounds.to}T23:59:59.999Z`) } },
    select: { id: true, lineKey: true, occurredAt: true, type: true, value: true, partnerKey: true },
  });
  return rows.map((r) => ({ id: r.id, lineKey: r.lineKey, occurredAt: r.occurredAt.toISOString(), type: r.type, value: r.value?.toFixed() ?? null, partnerKey: r.partnerKey }));
}

/** Conversions billed before the month and reversed since, to be credited in it (or credited in it already). */
async function pendingReversals(db: Db | Tx, contractId: string, period: string): Promise<PendingReversal[]> {
  const rows = await db.conversion.findMany({
    where: { contractId, reversedAt: { not: null }, billedPeriod: { lt: period }, OR: [{ creditedPeriod: null }, { creditedPeriod: period }] },
    select: { id: true, lineKey: true, billedPeriod: true, billedAmount: true, reversalReason: true, partnerKey: true },
  });
  return rows.map((r) => ({ id: r.id, lineKey: r.lineKey, billedPeriod: r.billedPeriod!, billedAmount: r.billedAmount?.toFixed() ?? "0", reason: r.reversalReason ?? "", partnerKey: r.partnerKey }));
}

/**
 * What issued invoices of earlier months billed on each CPM line (exact, before rounding): over the line's lifetime
 * (for lifetime budgets), and since the start of a commitment period that ends in this month but began before it
 * (for minimum-commitment true-ups). Drafts and void invoices bill nothing.
 */
export async function priorBilling(db: Db | Tx, contract: ContractWithTerms, period: string): Promise<PriorBilling[]> {
  const lines = await db.invoiceLine.findMany({
    where: { kind: "CPM", invoice: { contractId: contract.id, period: { lt: period }, status: { notIn: ["DRAFT", "VOID"] } } },
    select: { lineKey: true, unrounded: true, trace: true },
  });
  const bounds = periodBounds(period);
  const lastTerms = termsAtPeriodEnd(contract, bounds);
  // The start of each line's commitment period still open at the month's start, if it has one (once per line).
  const openSince = new Map(
    (lastTerms?.terms.cpmLines ?? []).map((l) => [l.key, l.minimumCommitment ? commitmentPeriodsEndingIn(l.minimumCommitment, contract.term, bounds).find((cp) => cp.from < bounds.from)?.from : undefined]),
  );
  const byLine = new Map<string, PriorBilling>();
  for (const line of lines) {
    const since = openSince.get(line.lineKey);
    const entry = byLine.get(line.lineKey) ?? { lineKey: line.lineKey, lifetimeBilled: "0", commitmentPeriodBilled: "0" };
    entry.lifetimeBilled = new Dec(entry.lifetimeBilled).plus(line.unrounded).toFixed();
    const from = (line.trace as { from?: string }).from;
    if (since !== undefined && from !== undefined && from >= since) entry.commitmentPeriodBilled = new Dec(entry.commitmentPeriodBilled).plus(line.unrounded).toFixed();
    byLine.set(line.lineKey, entry);
  }
  return [...byLine.values()].sort((a, b) => (a.lineKey < b.lineKey ? -1 : 1));
}

export interface PricedContractPeriod {
  /** CPM lines and fees, then CPA lines, then late-delivery adjustments; total = Σ rounded lines. */
  draft: PeriodDraft;
  cpa: CpaPeriodDraft;
  conversions: PricedConversion[];
  reversals: PendingReversal[];
}

/** The month alone, as if billed for the first time: what its own terms, delivery and conversions come to. */
async function priceMonth(db: Db | Tx, contract: ContractWithTerms, period: string) {
  const bounds = periodBounds(period);
  const [rateCards, delivery, conversions, reversals] = await Promise.all([
    rateCardsFor(db, contract),
    currentDelivery(db, contract.id, bounds),
    billableConversions(db, contract.id, bounds),
    pendingReversals(db, contract.id, period),
  ]);
  const priced = { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode, term: contract.term };
  const prior = await priorBilling(db, contract, period);
  const cpm = priceCpmPeriod({ contract: priced, period: bounds, versions: contract.versions, rateCards, delivery, prior });
  const cpa = priceCpaPeriod({ contract: priced, period: bounds, versions: contract.versions, conversions, reversals });
  return { cpm, cpa, conversions, reversals };
}

/**
 * Months already invoiced with delivery records newer than their invoice's draft, each priced again: the adjustment
 * lines this month's draft carries for them (domain/billing/delivery-adjustment.ts). Records that arrived between
 * drafting and issue count too; the margin covers records committed while the draft was being written. A month
 * priced again that comes to what was billed adds no line, so looking too often costs time, never money. One query
 * when nothing changed.
 */
async function lateDeliveryAdjustments(db: Db | Tx, contract: ContractWithTerms, period: string): Promise<DraftLine[]> {
  const corrected = await db.$queryRaw<Array<{ id: string; number: string; period: string }>>`
    SELECT i.id, i.number, i.period FROM invoice i
    WHERE i.contract_id = ${contract.id}::uuid AND i.period < ${period} AND i.status NOT IN ('DRAFT', 'VOID')
      AND EXISTS (
        SELECT 1 FROM delivery_record d
        WHERE d.contract_id = i.contract_id AND d.created_at > i.drafted_at - interval '5 minutes'
          AND d.day >= to_date(i.period, 'YYYY-MM') AND d.day < to_date(i.period, 'YYYY-MM') + interval '1 month')
    ORDER BY i.period`;
  const adjustments: DraftLine[] = [];
  for (const invoice of corrected) {
    const [lines, earlier, repriced] = await Promise.all([
      db.invoiceLine.findMany({ where: { invoiceId: invoice.id, kind: { in: [...DELIVERY_PRICED_KINDS] } } }),
      db.invoiceLine.findMany({ where: { kind: "DELIVERY_ADJUSTMENT", key: { startsWith: adjustmentKeyPrefix(invoice.period) }, invoice: { contractId: contract.id, status: { notIn: ["DRAFT", "VOID"] } } } }),
      priceMonth(db, contract, invoice.period),
    ]);
    const billed = (l: (typeof lines)[number]) => ({ ...l, amount: l.amount.toFixed() });
    adjustments.push(...deliveryAdjustments({ invoice, lines: lines.map(billed), adjustments: earlier.map(billed) }, repriced.cpm.lines, contract.currency));
  }
  return adjustments;
}

export async function priceContractPeriod(db: Db | Tx, contract: ContractWithTerms, period: string): Promise<PricedContractPeriod> {
  const [{ cpm, cpa, conversions, reversals }, adjustments] = await Promise.all([priceMonth(db, contract, period), lateDeliveryAdjustments(db, contract, period)]);
  const lines = [...cpm.lines, ...cpa.lines, ...adjustments];
  const total = lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0)).toFixed(CURRENCY_MINOR_UNITS[contract.currency]);
  return { draft: { lines, total, flags: [...cpm.flags, ...cpa.flags], days: cpm.days }, cpa, conversions, reversals };
}
