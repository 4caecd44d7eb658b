// Finance issues a draft: in one short transaction the invoice is locked, takes the next number of the year's
// gapless sequence (document-numbers.ts), gets its due date, and the conversions it bills are recorded
// as billed — locked against review, with the exact amount a later reversal credits. Audited in the same transaction.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { toIsoDate, todayIso } from "../../domain/contracts/dates";
import { canIssue, dueDateOf, invoiceNumber } from "../../domain/invoices/invoice-lifecycle";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { recordConversionsBilled } from "../conversions/record-conversions-billed";
import { nextDocumentNumber } from "./document-numbers";
import { lockInvoice } from "./lock-invoice";

export const ZIssueInvoiceRequestSchema = z.object({ id: z.string().uuid("Not an invoice id") });

export async function issueInvoice(db: Db, ctx: RequestContext, input: z.infer<typeof ZIssueInvoiceRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Invoices are issued by people");
  const issuerId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const locked = await lockInvoice(tx, input.id);
    const allowed = canIssue(locked.status);
    if (!allowed.ok) throw new AppError("INVOICE_NOT_DRAFT", locked.number ? `${allowed.message} as ${locked.number}` : allowed.message);
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
