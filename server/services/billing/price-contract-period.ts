// Contracts' months, priced from what the database holds: approved terms, the rate card versions their CPM lines
// name, current delivery, approved conversions of the month (and of earlier invoiced months, approved after their
// invoice), reversals not yet credited, and adjustments for earlier invoiced months whose delivery changed after they
// were drafted. Saves nothing. The preview, drafting (one contract or a billing run's batch) and payout drafting all
// price through here, so they can never disagree about a number.
// Reads are set-based — one statement per kind of input for the whole batch — through any SqlQuery: plain pg for a
// billing run's batch, Prisma (prismaSql) for one contract.
import type { Db, Tx } from "../../db/client";
import { prismaSql, type SqlQuery } from "../../db/pg-transaction";
import { periodBounds } from "../../domain/billing/billing-period";
import { priceCpaPeriod, type BillableConversion, type CpaPeriodDraft, type LateConversions, type ReversedConversion } from "../../domain/billing/cpa-period";
import { adjustmentKeyPrefix, correctionsBilledElsewhere, DELIVERY_PRICED_KINDS, deliveryAdjustments, type BilledAdjustment, type BilledLine } from "../../domain/billing/delivery-adjustment";
import type { DraftLine } from "../../domain/billing/draft-line";
import { commitmentPeriodsEndingIn, priceCpmPeriod, type DeliveryDay, type PeriodDraft, type PriorBilling, type RateCardVersion } from "../../domain/billing/cpm-period";
import { ZRateCardEntries } from "../../domain/pricing/rate-card";
import { CURRENCY_MINOR_UNITS, Dec } from "../../domain/money";
import { termsAtPeriodEnd, type ContractWithTerms } from "../contracts/contract-terms-in-force";
import { currentDeliveryOf } from "../delivery/delivery-queries";

export type PricedConversion = BillableConversion & { partnerKey: string | null };
export type PendingReversal = ReversedConversion & { partnerKey: string | null };

/** An exact CPM amount an issued invoice of an earlier month billed on a line, and the first day it billed for. */
interface PriorLine {
  lineKey: string;
  unrounded: string;
  from: string | null;
}

/** What pricing one contract's month reads. */
interface MonthInputs {
  rateCards: Record<string, RateCardVersion[]>;
  delivery: DeliveryDay[];
  conversions: PricedConversion[];
  /** Earlier months' conversions approved after their invoice, by month. */
  late: LateMonth[];
  reversals: PendingReversal[];
  prior: PriorLine[];
}

type LateMonth = LateConversions & { conversions: PricedConversion[] };

/**
 * A numeric column as text the way Prisma's Decimal prints it, whichever driver reads it: no trailing zeros
 * (trim_scale: 12.500000 → 12.5), so drafts read either way are identical.
 */
const decimalText = (column: string) => `trim_scale(${column})::text`;

function groupByContract<R extends { contract_id: string }, T>(contractIds: readonly string[], rows: readonly R[], map: (row: R) => T): Map<string, T[]> {
  const grouped = new Map<string, T[]>(contractIds.map((id) => [id, []]));
  for (const row of rows) grouped.get(row.contract_id)?.push(map(row));
  return grouped;
}

/** Every version of every rate card the contracts' lines reference, by card name. */
async function rateCardsFor(query: SqlQuery, contracts: readonly ContractWithTerms[]) {
  const names = new Set<string>();
  for (const c of contracts) for (const v of c.versions) for (const l of v.terms.cpmLines) if (l.pricing.source === "RATE_CARD") names.add(l.pricing.rateCard);
  const cards = new Map<string, RateCardVersion[]>();
  if (names.size === 0) return cards;
  const rows = await query<{ name: string; id: string; number: number; effective_from: string; entries: string }>(
    `SELECT c.name, v.id::text, v.number, v.effective_from::text, v.entries::text
     FROM rate_card c JOIN rate_card_version v ON v.rate_card_id = c.id
     WHERE c.name = ANY($1::text[]) ORDER BY c.name, v.number`,
    [[...names]],
  );
  for (const r of rows) {
    const versions = cards.get(r.name) ?? cards.set(r.name, []).get(r.name)!;
    versions.push({ id: r.id, number: r.number, effectiveFrom: r.effective_from, entries: ZRateCardEntries.parse(JSON.parse(r.entries)) });
  }
  return cards;
}

/**
 * Approved, eligible, not reversed conversions that occurred in the month (UTC), in time order: not those billed in
 * another month (approved late, billed on a later invoice). Times travel as epoch milliseconds and rows are put in
 * order here: to_char and ORDER BY made the statement ten times slower.
 */
async function billableConversions(query: SqlQuery, contractIds: readonly string[], period: string) {
  const bounds = periodBounds(period);
  const rows = await query<ConversionRow>(
    `SELECT ${CONVERSION_COLUMNS}
     FROM conversion c
     WHERE contract_id = ANY($1::uuid[]) AND eligibility = 'ELIGIBLE' AND review = 'APPROVED' AND reversed_at IS NULL
       AND occurred_at >= $2::timestamptz AND occurred_at <= $3::timestamptz AND (billed_period IS NULL OR billed_period = $4)`,
    [contractIds, `${bounds.from}T00:00:00Z`, `${bounds.to}T23:59:59.999Z`, period],
  );
  const byContract = groupByContract(contractIds, rows, pricedConversion);
  for (const conversions of byContract.values()) conversions.sort(inTimeOrder);
  return byContract;
}

interface ConversionRow {
  contract_id: string;
  id: string;
  line_key: string;
  occurred_ms: string;
  type: string;
  value: string | null;
  partner_key: string | null;
}

const CONVERSION_COLUMNS = `c.contract_id::text, c.id::text, c.line_key, (extract(epoch FROM c.occurred_at) * 1000)::bigint::text AS occurred_ms, c.type, ${decimalText("c.value")} AS value, c.partner_key`;

const pricedConversion = (r: ConversionRow): PricedConversion => ({
  id: r.id,
  lineKey: r.line_key,
  occurredAt: new Date(Number(r.occurred_ms)).toISOString(),
  type: r.type,
  value: r.value,
  partnerKey: r.partner_key,
});

const inTimeOrder = (a: PricedConversion, b: PricedConversion) => (a.occurredAt === b.occurredAt ? (a.id < b.id ? -1 : 1) : a.occurredAt < b.occurredAt ? -1 : 1);

/**
 * Conversions of earlier months that were approved (or arrived) after their month's invoice was drafted and that it
 * therefore did not bill: approved, eligible, not reversed, never billed, their month's invoice issued (rule 6 of
 * domain/billing/cpa-period.ts). A month whose invoice is still a draft bills them when drafted again; one on another
 * month's open draft is left to it. With each month, how many of its conversions per line were billed already (where
 * a tiered line's volume goes on from). The margin covers approvals committed while the draft was being written;
 * counting one too many only re-flags a conversion the terms do not pay for.
 */
async function lateConversions(query: SqlQuery, contractIds: readonly string[], period: string): Promise<Map<string, LateMonth[]>> {
  const rows = await query<ConversionRow & { invoice_id: string; invoice_number: string; period: string }>(
    `SELECT ${CONVERSION_COLUMNS}, i.id::text AS invoice_id, i.number AS invoice_number, i.period
     FROM conversion c
     JOIN invoice i ON i.contract_id = c.contract_id AND i.period = to_char(c.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM') AND i.status NOT IN ('DRAFT', 'VOID')
     WHERE c.contract_id = ANY($1::uuid[]) AND c.billed_at IS NULL AND c.reversed_at IS NULL AND c.occurred_at < $2::timestamptz
       AND c.eligibility = 'ELIGIBLE' AND c.review = 'APPROVED' AND greatest(c.created_at, c.reviewed_at) > i.drafted_at - interval '5 minutes'
       AND NOT EXISTS (
         SELECT 1 FROM invoice d JOIN invoice_conversion ic ON ic.invoice_id = d.id AND ic.conversion_id = c.id
         WHERE d.contract_id = c.contract_id AND d.status = 'DRAFT' AND d.period <> $3)`,
    [contractIds, `${periodBounds(period).from}T00:00:00Z`, period],
  );
  const late = new Map<string, LateMonth[]>(contractIds.map((id) => [id, []]));
  if (rows.length === 0) return late;
  const billed = await query<{ contract_id: string; period: string; line_key: string; n: number }>(
    `SELECT c.contract_id::text, m.period, c.line_key, count(*)::int AS n
     FROM unnest($1::uuid[], $2::text[]) AS m(contract_id, period)
     JOIN conversion c ON c.contract_id = m.contract_id AND c.occurred_at >= to_date(m.period, 'YYYY-MM') AT TIME ZONE 'UTC'
       AND c.occurred_at < (to_date(m.period, 'YYYY-MM') + interval '1 month') AT TIME ZONE 'UTC' AND c.billed_at IS NOT NULL
     GROUP BY 1, 2, 3`,
    [rows.map((r) => r.contract_id), rows.map((r) => r.period)],
  );
  for (const r of rows) {
    const months = late.get(r.contract_id)!;
    let month = months.find((m) => m.corrects.period === r.period);
    if (!month) {
      const billedBefore = Object.fromEntries(billed.filter((b) => b.contract_id === r.contract_id && b.period === r.period).map((b) => [b.line_key, b.n]));
      months.push((month = { corrects: { invoiceId: r.invoice_id, invoiceNumber: r.invoice_number, period: r.period }, month: periodBounds(r.period), billedBefore, conversions: [] }));
    }
    month.conversions.push(pricedConversion(r));
  }
  for (const months of late.values()) for (const m of months) m.conversions.sort(inTimeOrder);
  return late;
}

/** Conversions billed before the month and reversed since, to be credited in it (or credited in it already). */
async function pendingReversals(query: SqlQuery, contractIds: readonly string[], period: string) {
  const rows = await query<{ contract_id: string; id: string; line_key: string; billed_period: string; billed_amount: string | null; reversal_reason: string | null; partner_key: string | null }>(
    `SELECT contract_id::text, id::text, line_key, billed_period, ${decimalText("billed_amount")} AS billed_amount, reversal_reason, partner_key
     FROM conversion
     WHERE contract_id = ANY($1::uuid[]) AND reversed_at IS NOT NULL AND billed_period < $2 AND (credited_period IS NULL OR credited_period = $2)
     ORDER BY contract_id, id`,
    [contractIds, period],
  );
  return groupByContract(contractIds, rows, (r): PendingReversal => ({ id: r.id, lineKey: r.line_key, billedPeriod: r.billed_period, billedAmount: r.billed_amount ?? "0", reason: r.reversal_reason ?? "", partnerKey: r.partner_key }));
}

/**
 * What issued invoices billed on CPM lines for the months before this one (drafts and void invoices bill nothing):
 * the CPM lines of earlier months' invoices, and the CPM difference of late-delivery adjustments for earlier months,
 * on whichever invoice they were issued (an adjustment for September issued with October still counts when October
 * is priced again), dated from the first day of the month each corrects.
 */
async function priorCpmLines(query: SqlQuery, contractIds: readonly string[], period: string) {
  const rows = await query<{ contract_id: string; line_key: string; kind: string; unrounded: string; from: string | null; cpm_now: string | null; cpm_billed: string | null; corrects: string | null }>(
    `SELECT i.contract_id::text, l.line_key, l.kind, l.unrounded, l.trace ->> 'from' AS from,
            l.trace #>> '{cpm,now}' AS cpm_now, l.trace #>> '{cpm,billed}' AS cpm_billed, l.trace #>> '{corrects,period}' AS corrects
     FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
     WHERE i.contract_id = ANY($1::uuid[]) AND i.status NOT IN ('DRAFT', 'VOID')
       AND ((l.kind = 'CPM' AND i.period < $2) OR (l.kind = 'DELIVERY_ADJUSTMENT' AND l.trace #>> '{corrects,period}' < $2))`,
    [contractIds, period],
  );
  return groupByContract(contractIds, rows, (r): PriorLine =>
    r.kind === "CPM"
      ? { lineKey: r.line_key, unrounded: r.unrounded, from: r.from }
      : { lineKey: r.line_key, unrounded: new Dec(r.cpm_now ?? 0).minus(r.cpm_billed ?? 0).toFixed(), from: r.corrects === null ? null : `${r.corrects}-01` },
  );
}

async function loadMonthInputs(query: SqlQuery, contracts: readonly ContractWithTerms[], period: string): Promise<Map<string, MonthInputs>> {
  const ids = contracts.map((c) => c.id);
  const bounds = periodBounds(period);
  // One after another: a transaction is one connection, which runs one statement at a time anyway.
  const cards = await rateCardsFor(query, contracts);
  const delivery = await currentDeliveryOf(query, ids, bounds);
  const conversions = await billableConversions(query, ids, period);
  const late = await lateConversions(query, ids, period);
  const reversals = await pendingReversals(query, ids, period);
  const prior = await priorCpmLines(query, ids, period);
  return new Map(
    contracts.map((c) => {
      const rateCards: Record<string, RateCardVersion[]> = {};
      for (const v of c.versions) for (const l of v.terms.cpmLines) if (l.pricing.source === "RATE_CARD" && cards.has(l.pricing.rateCard)) rateCards[l.pricing.rateCard] = cards.get(l.pricing.rateCard)!;
      return [c.id, { rateCards, delivery: delivery.get(c.id)!, conversions: conversions.get(c.id)!, late: late.get(c.id)!, reversals: reversals.get(c.id)!, prior: prior.get(c.id)! }];
    }),
  );
}

/**
 * What issued invoices of earlier months billed on each CPM line (exact, before rounding): over the line's lifetime
 * (for lifetime budgets), and since the start of a commitment period that ends in this month but began before it
 * (for minimum-commitment true-ups).
 */
function priorBillingOf(contract: ContractWithTerms, period: string, lines: readonly PriorLine[]): PriorBilling[] {
  const bounds = periodBounds(period);
  const lastTerms = termsAtPeriodEnd(contract, bounds);
  // The start of each line's commitment period still open at the month's start, if it has one (once per line).
  const openSince = new Map(
    (lastTerms?.terms.cpmLines ?? []).map((l) => [l.key, l.minimumCommitment ? commitmentPeriodsEndingIn(l.minimumCommitment, contract.term, bounds).find((cp) => cp.from < bounds.from)?.from : undefined]),
  );
  const byLine = new Map<string, { lifetime: Dec; commitment: Dec }>();
  for (const line of lines) {
    const since = openSince.get(line.lineKey);
    const entry = byLine.get(line.lineKey) ?? byLine.set(line.lineKey, { lifetime: new Dec(0), commitment: new Dec(0) }).get(line.lineKey)!;
    entry.lifetime = entry.lifetime.plus(line.unrounded);
    if (since !== undefined && line.from !== null && line.from >= since) entry.commitment = entry.commitment.plus(line.unrounded);
  }
  return [...byLine]
    .map(([lineKey, e]) => ({ lineKey, lifetimeBilled: e.lifetime.toFixed(), commitmentPeriodBilled: e.commitment.toFixed() }))
    .sort((a, b) => (a.lineKey < b.lineKey ? -1 : 1));
}

/** One contract's prior billing for the month (the preview's and tests' view of it). */
export async function priorBilling(db: Db | Tx, contract: ContractWithTerms, period: string): Promise<PriorBilling[]> {
  return priorBillingOf(contract, period, (await priorCpmLines(prismaSql(db), [contract.id], period)).get(contract.id)!);
}

export interface PricedContractPeriod {
  /** CPM lines and fees, then CPA lines, then late-delivery adjustments; total = Σ rounded lines. */
  draft: PeriodDraft;
  cpa: CpaPeriodDraft;
  /** The month's approved conversions, then earlier months' late approvals. */
  conversions: PricedConversion[];
  reversals: PendingReversal[];
}

/** The month alone, as if billed for the first time: what its own terms, delivery and conversions come to. Pure. */
function priceMonth(contract: ContractWithTerms, period: string, inputs: MonthInputs, chart = false) {
  const bounds = periodBounds(period);
  const priced = { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode, term: contract.term };
  const prior = priorBillingOf(contract, period, inputs.prior);
  const cpm = priceCpmPeriod({ contract: priced, period: bounds, versions: contract.versions, rateCards: inputs.rateCards, delivery: inputs.delivery, prior, chart });
  const cpa = priceCpaPeriod({ contract: priced, period: bounds, versions: contract.versions, conversions: inputs.conversions, late: inputs.late, reversals: inputs.reversals });
  return { cpm, cpa };
}

interface CorrectedInvoice {
  contract_id: string;
  id: string;
  number: string;
  period: string;
}

/**
 * Months already invoiced with delivery records newer than their invoice's draft: each is priced again and the
 * difference becomes adjustment lines on this month's draft (domain/billing/delivery-adjustment.ts). Records that
 * arrived between drafting and issue count too; the margin covers records committed while the draft was being
 * written. A month priced again that comes to what was billed adds no line, so looking too often costs time, never
 * money. One statement for the whole batch when nothing changed.
 */
async function correctedInvoices(query: SqlQuery, contractIds: readonly string[], period: string) {
  return query<CorrectedInvoice>(
    `SELECT i.contract_id::text, i.id::text, i.number, i.period FROM invoice i
     WHERE i.contract_id = ANY($1::uuid[]) AND i.period < $2 AND i.status NOT IN ('DRAFT', 'VOID')
       AND EXISTS (
         SELECT 1 FROM delivery_record d
         WHERE d.contract_id = i.contract_id AND d.created_at > i.drafted_at - interval '5 minutes'
           AND d.day >= to_date(i.period, 'YYYY-MM') AND d.day < to_date(i.period, 'YYYY-MM') + interval '1 month')
     ORDER BY i.contract_id, i.period`,
    [contractIds, period],
  );
}

/**
 * Delivery corrections for the month issued on later months' invoices. There are some only when the month was
 * invoiced before and that invoice voided: the month's new invoice deducts them (correctionsBilledElsewhere).
 */
async function correctionsOfMonthElsewhere(query: SqlQuery, contractIds: readonly string[], period: string) {
  // The later invoices first (usually none), then each one's lines by its id (OFFSET 0 keeps the subquery per
  // invoice): left to itself the planner filtered every invoice line of the table (~200 ms at 10,000 contracts).
  const rows = await query<BilledLineRow & { contract_id: string; number: string }>(
    `SELECT i.contract_id::text, i.number, ${BILLED_LINE_COLUMNS}
     FROM invoice i
     CROSS JOIN LATERAL (SELECT * FROM invoice_line l WHERE l.invoice_id = i.id AND l.kind = 'DELIVERY_ADJUSTMENT' AND starts_with(l.key, $3) OFFSET 0) l
     WHERE i.contract_id = ANY($1::uuid[]) AND i.period > $2 AND i.status NOT IN ('DRAFT', 'VOID')
     ORDER BY i.period, l.position`,
    [contractIds, period, adjustmentKeyPrefix(period)],
  );
  return groupByContract(contractIds, rows, (r): BilledAdjustment => ({ ...billedLine(r), invoiceNumber: r.number }));
}

interface BilledLineRow {
  kind: string;
  line_key: string;
  quantity: string;
  unrounded: string;
  amount: string;
  trace: string;
}

const BILLED_LINE_COLUMNS = `l.kind, l.line_key, l.quantity, l.unrounded, ${decimalText("l.amount")} AS amount, l.trace::text AS trace`;

const billedLine = (r: BilledLineRow): BilledLine => ({ kind: r.kind, lineKey: r.line_key, quantity: r.quantity, unrounded: r.unrounded, amount: r.amount, trace: JSON.parse(r.trace) });

/** The adjustment lines one corrected month needs: its billed lines and earlier adjustments against it, repriced. */
async function adjustmentsFor(query: SqlQuery, contract: ContractWithTerms, invoice: CorrectedInvoice): Promise<DraftLine[]> {
  const billedLines = `SELECT ${BILLED_LINE_COLUMNS} FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id`;
  const lines = await query<BilledLineRow>(`${billedLines} WHERE i.id = $1::uuid AND l.kind = ANY($2::text[]) ORDER BY l.position`, [invoice.id, DELIVERY_PRICED_KINDS]);
  const earlier = await query<BilledLineRow>(
    `${billedLines} WHERE i.contract_id = $1::uuid AND i.status NOT IN ('DRAFT', 'VOID') AND l.kind = 'DELIVERY_ADJUSTMENT' AND starts_with(l.key, $2)
     ORDER BY i.period, l.position`,
    [contract.id, adjustmentKeyPrefix(invoice.period)],
  );
  const inputs = await loadMonthInputs(query, [contract], invoice.period);
  const repriced = priceMonth(contract, invoice.period, inputs.get(contract.id)!);
  return deliveryAdjustments({ invoice, lines: lines.map(billedLine), adjustments: earlier.map(billedLine) }, repriced.cpm.lines, contract.currency);
}

/**
 * The month for each contract (a billing run's batch, or one): contract id → its priced month, or the error pricing
 * it threw — one contract's bad terms or data never stop the others. `chart`: with the per-day delivery chart
 * (draft.days), which the preview shows and drafting does not need.
 */
export async function priceContractPeriods(query: SqlQuery, contracts: readonly ContractWithTerms[], period: string, { chart = false } = {}): Promise<Map<string, PricedContractPeriod | Error>> {
  const inputs = await loadMonthInputs(query, contracts, period);
  const corrected = await correctedInvoices(query, contracts.map((c) => c.id), period);
  const billedElsewhere = await correctionsOfMonthElsewhere(query, contracts.map((c) => c.id), period);
  const priced = new Map<string, PricedContractPeriod | Error>();
  for (const contract of contracts) {
    try {
      const month = inputs.get(contract.id)!;
      const { cpm, cpa } = priceMonth(contract, period, month, chart);
      const adjustments: DraftLine[] = [];
      for (const invoice of corrected.filter((i) => i.contract_id === contract.id)) adjustments.push(...(await adjustmentsFor(query, contract, invoice)));
      adjustments.push(...correctionsBilledElsewhere(period, billedElsewhere.get(contract.id)!, contract.currency));
      const lines = [...cpm.lines, ...cpa.lines, ...adjustments];
      const total = lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0)).toFixed(CURRENCY_MINOR_UNITS[contract.currency]);
      priced.set(contract.id, { draft: { lines, total, flags: [...cpm.flags, ...cpa.flags], days: cpm.days }, cpa, conversions: [...month.conversions, ...month.late.flatMap((m) => m.conversions)], reversals: month.reversals });
    } catch (err) {
      priced.set(contract.id, err instanceof Error ? err : new Error(String(err)));
    }
  }
  return priced;
}

/** One contract's month, with its delivery chart; throws what pricing throws. */
export async function priceContractPeriod(db: Db | Tx, contract: ContractWithTerms, period: string): Promise<PricedContractPeriod> {
  const priced = (await priceContractPeriods(prismaSql(db), [contract], period, { chart: true })).get(contract.id)!;
  if (priced instanceof Error) throw priced;
  return priced;
}
