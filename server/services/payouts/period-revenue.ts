// What each contract earned from the advertiser in a month: the base its partners are paid on. Read from the
// month's invoice (draft or issued) when there is one — a billing run has just written them all — so payouts follow
// exactly what is invoiced and a run never prices a contract twice; a contract without an invoice for the month is
// priced on the spot through the same pricing (price-contract-period.ts), so both ways give the same numbers.
import type { Db } from "../../db/client";
import { withPgTransaction } from "../../db/pg-transaction";
import { cpmRevenueOf } from "../../domain/billing/delivery-adjustment";
import { Dec } from "../../domain/money";
import { tallyConversions, TRACED_CONVERSION_IDS, type ConversionTally } from "../../domain/payouts/partner-payouts";
import type { PricedContractPeriod } from "../billing/price-contract-period";

interface EarnedConversion {
  id: string;
  lineKey: string;
  partnerKey: string | null;
  /** Exact revenue billed for it (for a reversal: what it was billed, positive). */
  amount: string;
}

export interface ContractRevenue {
  /** Exact CPM amount billed per CPM line (after caps, before agency commission; with late-delivery adjustments). */
  cpmLines: { lineKey: string; amount: string }[];
  /** The conversions it billed, by partner and line. */
  conversions: ConversionTally[];
  /** Conversions billed earlier and credited back on this month's invoice. */
  reversals: EarnedConversion[];
}

type RevenueLine = { kind: string; lineKey: string; unrounded: string; trace: unknown };

/** Per CPM line: its CPM amounts, with late-delivery adjustments of earlier months. */
function cpmAmountsOf(lines: Iterable<RevenueLine>) {
  const byLine = new Map<string, Dec>();
  for (const line of lines) {
    const revenue = cpmRevenueOf(line);
    if (revenue) byLine.set(line.lineKey, (byLine.get(line.lineKey) ?? new Dec(0)).plus(revenue));
  }
  return [...byLine].map(([lineKey, amount]) => ({ lineKey, amount: amount.toFixed() }));
}

/** The revenue of a contract priced now (no invoice for the month). */
export function pricedRevenue(priced: PricedContractPeriod): ContractRevenue {
  return {
    cpmLines: cpmAmountsOf(priced.draft.lines),
    conversions: tallyConversions(priced.conversions.filter((c) => priced.cpa.perConversion.has(c.id)).map((c) => ({ id: c.id, lineKey: c.lineKey, partnerKey: c.partnerKey, amount: priced.cpa.perConversion.get(c.id)! }))),
    reversals: priced.reversals.map((r) => ({ id: r.id, lineKey: r.lineKey, partnerKey: r.partnerKey, amount: r.billedAmount })),
  };
}

/** A row naming its contract by its place in the page (1-based), not by a uuid string each; handed on as it is. */
type OfPage<T> = T & { n: number };

/**
 * Contract id → the revenue its invoice for the month (not void) bills, for those of `contractIds` that have one. Drafting asks a page of contracts at a time: a month has hundreds of thousands of billed
 * conversions, and only a page's are held at once. Plain pg, only the columns partners are paid on (a CPM line's
 * trace is large: read whole through Prisma it was most of the cost), one snapshot for the page's reads.
 */
export async function invoicedRevenue(db: Db, period: string, contractIds: readonly string[]): Promise<Map<string, ContractRevenue>> {
  return withPgTransaction(db, async (query) => {
    await query(`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`, []);
    const page = `WITH page AS (
      SELECT i.id, p.n::int AS n FROM unnest($2::uuid[]) WITH ORDINALITY AS p(contract_id, n)
      JOIN invoice i ON i.contract_id = p.contract_id AND i.period = $1 AND i.status <> 'VOID')`;
    const params = [period, contractIds];
    const invoices = await query<{ n: number }>(`${page} SELECT n FROM page`, params);
    const lines = await query<OfPage<{ kind: string; lineKey: string; unrounded: string; cpm: unknown }>>(
      `${page} SELECT page.n, l.kind, l.line_key AS "lineKey", l.unrounded, l.trace -> 'cpm' AS cpm
       FROM page JOIN invoice_line l ON l.invoice_id = page.id
       WHERE l.kind IN ('CPM', 'DELIVERY_ADJUSTMENT')
       ORDER BY page.n, l.position`,
      params,
    );
    // The conversions a credit line takes back, with their partner (an unknown conversion is nobody's).
    const reversals = await query<OfPage<EarnedConversion>>(
      `${page} SELECT page.n, l.line_key AS "lineKey", r.value ->> 'conversionId' AS id, c.partner_key AS "partnerKey", r.value ->> 'billedAmount' AS amount
       FROM page JOIN invoice_line l ON l.invoice_id = page.id
       CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(l.trace -> 'reversed') = 'array' THEN l.trace -> 'reversed' ELSE '[]' END) WITH ORDINALITY AS r(value, ord)
       LEFT JOIN conversion c ON c.id = (r.value ->> 'conversionId')::uuid
       WHERE l.kind = 'CPA_CREDIT'
       ORDER BY page.n, l.position, r.ord`,
      params,
    );
    // Tallied here (tallyConversions' arithmetic: exact sums, uuids in byte order = their text order), not row by row;
    // the ids come as one text (a text[] column is parsed element by element, several times slower).
    const conversions = await query<OfPage<Omit<ConversionTally, "ids"> & { ids: string }>>(
      `${page} SELECT page.n, ic.partner_key AS "partnerKey", ic.line_key AS "lineKey", count(*)::int AS count, trim_scale(sum(ic.amount))::text AS revenue,
         array_to_string((array_agg(ic.conversion_id::text ORDER BY ic.conversion_id))[1:${TRACED_CONVERSION_IDS}], ',') AS ids
       FROM page JOIN invoice_conversion ic ON ic.invoice_id = page.id
       GROUP BY page.n, ic.partner_key, ic.line_key`,
      params,
    );

    const revenue = new Map<number, ContractRevenue>(invoices.map((i) => [i.n, { cpmLines: [], conversions: [], reversals: [] }]));
    const cpmLines = new Map<number, RevenueLine[]>();
    for (const l of lines) (cpmLines.get(l.n) ?? cpmLines.set(l.n, []).get(l.n)!).push({ ...l, trace: { cpm: l.cpm } });
    for (const [n, contractLines] of cpmLines) revenue.get(n)!.cpmLines = cpmAmountsOf(contractLines);
    for (const { n, ids, ...tally } of conversions) revenue.get(n)!.conversions.push({ ...tally, ids: ids.split(",") });
    for (const r of reversals) revenue.get(r.n)!.reversals.push(r);
    return new Map([...revenue].map(([n, r]) => [contractIds[n - 1], r]));
  });
}
