// A contract's draft invoice for a period, written or replaced from the shared pricing (price-contract-period.ts)
// with its anomaly flags. Under a transaction lock per (contract, period), so two workers on the same contract take
// turns; an invoice already issued for the period is never touched (late data is billed on a later draft). Running
// it twice on the same inputs writes the same draft: lines keep their stable keys and order. Finance's manual lines
// are inputs like delivery: kept (same ids) after the priced lines whenever the draft is priced again.
import type { Db, Tx } from "../../db/client";
import { shiftPeriod } from "../../domain/billing/billing-period";
import type { DraftLine } from "../../domain/billing/draft-line";
import { invoiceFlags } from "../../domain/invoices/invoice-flags";
import { CURRENCY_MINOR_UNITS, Dec } from "../../domain/money";
import { priceContractPeriod } from "../billing/price-contract-period";
import type { ContractWithTerms } from "../contracts/contract-terms-in-force";
import { lockContractPeriod } from "./lock-invoice";

export type DraftOutcome = { invoiceId: string; outcome: "DRAFTED" } | { invoiceId: string; outcome: "ALREADY_ISSUED" };

/** runId: the billing run drafting it; without one (regenerated or edited by hand) the draft keeps its run. */
/** A change to the draft's manual lines, made under the draft's lock before it is priced again (edit-draft.ts). */
export type DraftEdit = (tx: Tx, draftId: string | null) => Promise<void>;

export async function draftContractInvoice(db: Db, contract: ContractWithTerms, period: string, runId?: string, edit?: DraftEdit): Promise<DraftOutcome> {
  return db.$transaction(
    async (tx) => {
      await lockContractPeriod(tx, contract.id, period);
      const existing = await tx.invoice.findFirst({ where: { contractId: contract.id, period, status: { not: "VOID" } }, select: { id: true, status: true } });
      if (existing && existing.status !== "DRAFT") return { invoiceId: existing.id, outcome: "ALREADY_ISSUED" as const };
      await edit?.(tx, existing?.id ?? null);
      const digits = CURRENCY_MINOR_UNITS[contract.currency];
      const manual = existing ? await tx.invoiceLine.findMany({ where: { invoiceId: existing.id, kind: "MANUAL" }, orderBy: { position: "asc" } }) : [];
      const priced = await priceContractPeriod(tx, contract, period);
      const lines: Array<DraftLine & { id?: string }> = [
        ...priced.draft.lines,
        ...manual.map((l) => ({ id: l.id, key: l.key, kind: "MANUAL" as const, lineKey: l.lineKey, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount.toFixed(digits), trace: l.trace as DraftLine["trace"] })),
      ];
      const total = manual.reduce((sum, l) => sum.plus(l.amount), new Dec(priced.draft.total)).toFixed(digits);
      const previous = await tx.invoice.findFirst({ where: { contractId: contract.id, period: shiftPeriod(period, -1), status: { not: "VOID" } }, select: { total: true } });
      const flags = invoiceFlags({
        lines,
        total,
        flags: priced.draft.flags,
        currency: contract.currency,
        hasCpmLines: contract.versions.some((v) => v.terms.cpmLines.length > 0),
        previousTotal: previous?.total.toFixed() ?? null,
      });
      const fields = { total, flags: flags as object[], runId, draftedAt: new Date() };
      const invoice = existing
        ? await tx.invoice.update({ where: { id: existing.id }, data: fields, select: { id: true } })
        : await tx.invoice.create({ data: { contractId: contract.id, advertiserId: contract.advertiserId, period, currency: contract.currency, ...fields }, select: { id: true } });
      await tx.invoiceLine.deleteMany({ where: { invoiceId: invoice.id } });
      await tx.invoiceLine.createMany({
        data: lines.map((l, position) => ({ id: l.id, invoiceId: invoice.id, position, key: l.key, kind: l.kind, lineKey: l.lineKey, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount, trace: l.trace as object })),
      });
      await tx.invoiceConversion.deleteMany({ where: { invoiceId: invoice.id } });
      await tx.invoiceConversion.createMany({ data: [...priced.cpa.perConversion].map(([conversionId, amount]) => ({ invoiceId: invoice.id, conversionId, amount })) });
      return { invoiceId: invoice.id, outcome: "DRAFTED" as const };
    },
    { timeout: 60_000 },
  );
}
