// What a contract's partners are paid on for a month — its payout basis: the revenue the month bills per CPM line
// (after caps, before agency commission, with late-delivery adjustments), its billed conversions tallied by partner
// and line, the reversals it credits back, and the partner terms and line names of the terms it was priced under.
// Worked out from the priced month when its invoice is drafted and stored with the draft (invoice.payout_basis), so
// payout statements follow exactly what is invoiced and drafting a month's payouts never prices a contract again
// nor reads its terms. A contract without an invoice for the month (or with one drafted before bases were stored)
// gets the same basis from pricing it on the spot. The partners' defaults are not part of it: they apply when the
// statements are drafted.
import type { z } from "zod";
import type { Db } from "../../db/client";
import { withPgTransaction } from "../../db/pg-transaction";
import { periodBounds } from "../../domain/billing/billing-period";
import { cpmRevenueOf } from "../../domain/billing/delivery-adjustment";
import type { DraftLine } from "../../domain/billing/draft-line";
import type { ZPartnerTerm } from "../../domain/contracts/terms";
import { Dec } from "../../domain/money";
import { tallyConversions, type ConversionTally } from "../../domain/payouts/partner-payouts";
import type { RoundingMode } from "../../domain/pricing/engine";
import type { PricedContractPeriod } from "../billing/price-contract-period";
import { termsAtPeriodEnd, type ContractWithTerms } from "../contracts/contract-terms-in-force";

/** A conversion credited back this month: what it was billed (positive), and through whom. */
export interface CreditedConversion {
  id: string;
  lineKey: string;
  partnerKey: string | null;
  amount: string;
}

export interface PayoutBasis {
  contract: { number: string; currency: string; roundingMode: RoundingMode };
  /** The partner terms of the terms in force at the month's end (they override the partners' defaults). */
  partnerTerms: z.infer<typeof ZPartnerTerm>[];
  /** Line key → name, for statement descriptions. */
  lineNames: Record<string, string>;
  cpaLineKeys: string[];
  cpmLineKeys: string[];
  /** Exact CPM amount billed per CPM line. */
  cpmLines: { lineKey: string; amount: string }[];
  /** The conversions billed, by partner and line. */
  conversions: ConversionTally[];
  reversals: CreditedConversion[];
}

/** Per CPM line: its CPM amounts, with late-delivery adjustments of earlier months. */
function cpmAmountsOf(lines: readonly DraftLine[]) {
  const byLine = new Map<string, Dec>();
  for (const line of lines) {
    const revenue = cpmRevenueOf(line);
    if (revenue) byLine.set(line.lineKey, (byLine.get(line.lineKey) ?? new Dec(0)).plus(revenue));
  }
  return [...byLine].map(([lineKey, amount]) => ({ lineKey, amount: amount.toFixed() }));
}

/** The basis of a priced month. Pure. */
export function payoutBasisOf(contract: ContractWithTerms, period: string, priced: PricedContractPeriod): PayoutBasis {
  const { terms } = termsAtPeriodEnd(contract, periodBounds(period))!;
  const { perConversion } = priced.cpa;
  const conversions = tallyConversions(priced.conversions.flatMap((c) => (perConversion.has(c.id) ? [{ id: c.id, lineKey: c.lineKey, partnerKey: c.partnerKey, amount: perConversion.get(c.id)! }] : [])));
  const reversals = priced.reversals.map((r) => ({ id: r.id, lineKey: r.lineKey, partnerKey: r.partnerKey, amount: r.billedAmount }));
  return {
    contract: { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode },
    partnerTerms: terms.partnerTerms,
    lineNames: Object.fromEntries(contract.versions.flatMap((v) => [...v.terms.cpaLines, ...v.terms.cpmLines].map((l) => [l.key, l.name]))),
    cpaLineKeys: [...new Set([...terms.cpaLines.map((l) => l.key), ...conversions.map((c) => c.lineKey), ...reversals.map((r) => r.lineKey)])],
    cpmLineKeys: terms.cpmLines.map((l) => l.key),
    cpmLines: cpmAmountsOf(priced.draft.lines),
    conversions,
    reversals,
  };
}

/**
 * Contract id → the basis stored with its invoice for the month (not void), for those of `contractIds` that have
 * one: null where the invoice predates stored bases. Plain pg: a page of 500 bases is about a megabyte of JSON.
 */
export async function invoicedPayoutBases(db: Db, period: string, contractIds: readonly string[]): Promise<Map<string, PayoutBasis | null>> {
  const rows = await withPgTransaction(db, (query) =>
    query<{ contract_id: string; payout_basis: PayoutBasis | null }>(
      `SELECT contract_id::text, payout_basis FROM invoice WHERE contract_id = ANY($1::uuid[]) AND period = $2 AND status <> 'VOID'`,
      [contractIds, period],
    ),
  );
  return new Map(rows.map((r) => [r.contract_id, r.payout_basis]));
}
