// A contract's draft invoice for a period, written or replaced from the shared pricing (price-contract-period.ts)
// with its anomaly flags. Under a transaction lock per (contract, period), so two workers on the same contract take
// turns; an invoice already issued for the period is never touched (late data is billed on a later draft). Running
// it twice on the same inputs writes the same draft: lines keep their stable keys and order.
import type { Db } from "../../db/client";
import { shiftPeriod } from "../../domain/billing/billing-period";
import { invoiceFlags } from "../../domain/invoices/invoice-flags";
import { priceContractPeriod } from "../billing/price-contract-period";
import type { ContractWithTerms } from "../contracts/contract-terms-in-force";

export type DraftOutcome = { invoiceId: string; outcome: "DRAFTED" } | { invoiceId: string; outcome: "ALREADY_ISSUED" };

export async function draftContractInvoice(db: Db, contract: ContractWithTerms, period: string, runId: string | null = null): Promise<DraftOutcome> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`invoice:${contract.id}:${period}`}, 0))`;
      const existing = await tx.invoice.findFirst({ where: { contractId: contract.id, period, status: { not: "VOID" } }, select: { id: true, status: true } });
      if (existing && existing.status !== "DRAFT") return { invoiceId: existing.id, outcome: "ALREADY_ISSUED" as const };
      const priced = await priceContractPeriod(tx, contract, period);
      const previous = await tx.invoice.findFirst({ where: { contractId: contract.id, period: shiftPeriod(period, -1), status: { not: "VOID" } }, select: { total: true } });
      const flags = invoiceFlags({
        ...priced.draft,
        currency: contract.currency,
        hasCpmLines: contract.versions.some((v) => v.terms.cpmLines.length > 0),
        previousTotal: previous?.total.toFixed() ?? null,
      });
      const fields = { total: priced.draft.total, flags: flags as object[], runId, draftedAt: new Date() };
      const invoice = existing
        ? await tx.invoice.update({ where: { id: existing.id }, data: fields, select: { id: true } })
        : await tx.invoice.create({ data: { contractId: contract.id, advertiserId: contract.advertiserId, period, currency: contract.currency, ...fields }, select: { id: true } });
      await tx.invoiceLine.deleteMany({ where: { invoiceId: invoice.id } });
      await tx.invoiceLine.createMany({
        data: priced.draft.lines.map((l, position) => ({ invoiceId: invoice.id, position, key: l.key, kind: l.kind, lineKey: l.lineKey, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount, trace: l.trace as object })),
      });
      await tx.invoiceConversion.deleteMany({ where: { invoiceId: invoice.id } });
      await tx.invoiceConversion.createMany({ data: [...priced.cpa.perConversion].map(([conversionId, amount]) => ({ invoiceId: invoice.id, conversionId, amount })) });
      return { invoiceId: invoice.id, outcome: "DRAFTED" as const };
    },
    { timeout: 60_000 },
  );
}
