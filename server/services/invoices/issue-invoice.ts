// Finance issues a draft: in one short transaction the invoice is locked, takes the next number of the year's
// gapless sequence (document-numbers.ts), gets its due date, and the conversions it bills are recorded
// as billed — locked against review, with the exact amount a later reversal credits. Audited in the same transaction.
// A draft whose late-delivery adjustments or conversions were billed meanwhile by another invoice is refused until
// regenerated. Issues of one contract's invoices take turns, so two at once cannot both pass those checks.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { lockName } from "../../db/advisory-lock";
import type { Db, Tx } from "../../db/client";
import { toIsoDate, todayIso } from "../../domain/contracts/dates";
import { canIssue, dueDateOf, invoiceNumber } from "../../domain/invoices/invoice-lifecycle";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { recordConversionsBilled } from "../conversions/record-conversions-billed";
import { nextDocumentNumber } from "./document-numbers";
import { lockInvoice } from "./lock-invoice";

export const ZIssueInvoiceRequestSchema = z.object({ id: z.string().uuid("Not an invoice id") });

/**
 * A draft's late-delivery adjustments are what was still unbilled when it was written. If another invoice adjusting
 * the same month was issued since, issuing this one would bill that difference twice: it is refused until the draft
 * is regenerated.
 */
async function refuseStaleAdjustments(tx: Tx, id: string) {
  const adjusting = await tx.invoiceLine.count({ where: { invoiceId: id, kind: "DELIVERY_ADJUSTMENT" } });
  if (adjusting === 0) return;
  const [stale] = await tx.$queryRaw<Array<{ number: string }>>`
    SELECT other.number FROM invoice_line mine
    JOIN invoice draft ON draft.id = mine.invoice_id
    JOIN invoice other ON other.contract_id = draft.contract_id AND other.id <> draft.id AND other.issued_at > draft.drafted_at
    JOIN invoice_line theirs ON theirs.invoice_id = other.id AND theirs.key = mine.key
    WHERE mine.invoice_id = ${id}::uuid AND mine.kind = 'DELIVERY_ADJUSTMENT' AND other.status <> 'VOID'
    LIMIT 1`;
  if (stale) throw new AppError("CONFLICT", `${stale.number} was issued since this draft was written and adjusts the same month's delivery: regenerate the draft before issuing it`);
}

/**
 * The conversions a draft bills were unbilled when it was written. One billed since by another month's invoice (a
 * late approval billed on one draft while its month was invoiced again on another) would be billed twice: refused
 * until the draft is regenerated. (Billed in the draft's own month: an invoice voided before voids cleared that.)
 */
async function refuseConversionsBilledMeanwhile(tx: Tx, id: string, period: string) {
  const [billed] = await tx.$queryRaw<Array<{ conversions: number; periods: string | null }>>`
    SELECT count(*)::int AS conversions, string_agg(DISTINCT c.billed_period, ', ') AS periods
    FROM invoice_conversion ic JOIN conversion c ON c.id = ic.conversion_id
    WHERE ic.invoice_id = ${id}::uuid AND c.billed_at IS NOT NULL AND c.billed_period <> ${period}`;
  if (billed.conversions > 0) {
    throw new AppError("CONFLICT", `${billed.conversions} conversion${billed.conversions === 1 ? " it bills was" : "s it bills were"} billed meanwhile in ${billed.periods}: regenerate the draft before issuing it`);
  }
}

export async function issueInvoice(db: Db, ctx: RequestContext, input: z.infer<typeof ZIssueInvoiceRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Invoices are issued by people");
  const issuerId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const locked = await lockInvoice(tx, input.id);
    const allowed = canIssue(locked.status);
    if (!allowed.ok) throw new AppError("INVOICE_NOT_DRAFT", locked.number ? `${allowed.message} as ${locked.number}` : allowed.message);
    await lockName(tx, `issue:${locked.contract_id}`);
    await refuseStaleAdjustments(tx, input.id);
    await refuseConversionsBilledMeanwhile(tx, input.id, locked.period);
    const contract = await tx.contract.findUniqueOrThrow({ where: { id: locked.contract_id }, select: { paymentTermsDays: true } });
    const today = todayIso();
    const year = Number(today.slice(0, 4));
    const number = invoiceNumber(year, await nextDocumentNumber(tx, "INV", year));
    const invoice = await tx.invoice.update({
      where: { id: input.id },
      data: { status: "ISSUED", number, issuedAt: new Date(), dueDate: new Date(`${dueDateOf(today, contract.paymentTermsDays)}T00:00:00Z`), issuedById: issuerId },
      include: { conversions: true },
    });
    await recordConversionsBilled(tx, invoice.period, new Map(invoice.conversions.map((c) => [c.conversionId, c.amount.toFixed()])));
    await recordAudit(tx, ctx, { action: "invoice.issued", entityId: invoice.id, before: { status: "DRAFT" }, after: { status: "ISSUED", number, total: invoice.total.toFixed(), dueDate: toIsoDate(invoice.dueDate!) } });
    return { id: invoice.id, number, status: "ISSUED" as const, total: invoice.total.toFixed(), dueDate: toIsoDate(invoice.dueDate!) };
  });
}
