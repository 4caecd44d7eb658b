// What each contract earned from the advertiser in a month: the base its partners are paid on. Read from the
// month's invoice (draft or issued) when there is one — a billing run has just written them all — so payouts follow
// exactly what is invoiced and a run never prices a contract twice; a contract without an invoice for the month is
// priced on the spot through the same pricing (price-contract-period.ts), so both ways give the same numbers.
import type { Db } from "../../db/client";
import { cpmRevenueOf } from "../../domain/billing/delivery-adjustment";
import { Dec } from "../../domain/money";
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
  conversions: EarnedConversion[];
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
    conversions: priced.conversions.filter((c) => priced.cpa.perConversion.has(c.id)).map((c) => ({ id: c.id, lineKey: c.lineKey, partnerKey: c.partnerKey, amount: priced.cpa.perConversion.get(c.id)! })),
    reversals: priced.reversals.map((r) => ({ id: r.id, lineKey: r.lineKey, partnerKey: r.partnerKey, amount: r.billedAmount })),
  };
}

interface CreditTrace {
  reversed?: Array<{ conversionId: string; billedAmount: string }>;
}

/** Contract id → the revenue its invoice for the month (not void) bills, for every contract that has one. */
export async function invoicedRevenue(db: Db, period: string): Promise<Map<string, ContractRevenue>> {
  const invoiced = { period, status: { not: "VOID" as const } };
  const [invoices, lines, conversions] = await Promise.all([
    db.invoice.findMany({ where: invoiced, select: { contractId: true } }),
    db.invoiceLine.findMany({ where: { kind: { in: ["CPM", "DELIVERY_ADJUSTMENT", "CPA_CREDIT"] }, invoice: invoiced }, select: { kind: true, lineKey: true, unrounded: true, trace: true, invoice: { select: { contractId: true } } } }),
    db.$queryRaw<Array<{ contract_id: string; id: string; line_key: string; partner_key: string | null; amount: string }>>`
      SELECT i.contract_id, c.id, c.line_key, c.partner_key, ic.amount::text AS amount
      FROM invoice_conversion ic
      JOIN invoice i ON i.id = ic.invoice_id
      JOIN conversion c ON c.id = ic.conversion_id
      WHERE i.period = ${period} AND i.status <> 'VOID'
      ORDER BY c.id`,
  ]);
  const revenue = new Map<string, ContractRevenue>(invoices.map((i) => [i.contractId, { cpmLines: [], conversions: [], reversals: [] }]));

  const cpmLines = new Map<string, RevenueLine[]>();
  const credited: Array<{ contractId: string; lineKey: string; conversionId: string; amount: string }> = [];
  for (const line of lines) {
    const contractId = line.invoice.contractId;
    if (line.kind !== "CPA_CREDIT") (cpmLines.get(contractId) ?? cpmLines.set(contractId, []).get(contractId)!).push(line);
    else for (const r of (line.trace as CreditTrace).reversed ?? []) credited.push({ contractId, lineKey: line.lineKey, conversionId: r.conversionId, amount: r.billedAmount });
  }
  for (const [contractId, contractLines] of cpmLines) revenue.get(contractId)!.cpmLines = cpmAmountsOf(contractLines);
  for (const c of conversions) revenue.get(c.contract_id)!.conversions.push({ id: c.id, lineKey: c.line_key, partnerKey: c.partner_key, amount: c.amount });

  const partnerOf = new Map<string, string | null>();
  for (let i = 0; i < credited.length; i += 10_000) {
    const ids = credited.slice(i, i + 10_000).map((c) => c.conversionId);
    for (const c of await db.conversion.findMany({ where: { id: { in: ids } }, select: { id: true, partnerKey: true } })) partnerOf.set(c.id, c.partnerKey);
  }
  for (const c of credited) revenue.get(c.contractId)!.reversals.push({ id: c.conversionId, lineKey: c.lineKey, partnerKey: partnerOf.get(c.conversionId) ?? null, amount: c.amount });
  return revenue;
}
