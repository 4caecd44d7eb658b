// Finance works on a draft before issuing it: adds a manual line (with its reason), removes one, or regenerates the
// draft from today's terms, delivery and conversions. Each is a draft written again under the draft's lock
// (draft-contract-invoice.ts), so totals and flags always come from the one drafting path; audited in the same
// transaction. Issued invoices are refused: they are corrected with credit notes.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { manualLine, ZManualLineFields } from "../../domain/invoices/manual-line";
import { amountPrecisionError } from "../../domain/money";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "./draft-contract-invoice";
import { invoiceWhere } from "./invoice-scope";

const ZInvoiceId = z.string().uuid("Not an invoice id");
export const ZRegenerateDraftRequestSchema = z.object({ id: ZInvoiceId });
export const ZAddManualLineRequestSchema = ZManualLineFields.extend({ id: ZInvoiceId });
export const ZRemoveManualLineRequestSchema = z.object({ id: ZInvoiceId, lineId: z.string().uuid("Not a line id") });

const NOT_DRAFT = "Only a draft can be changed: correct an issued invoice with a credit note";

/** Price the draft again, after `edit` under its lock; the result is the draft as written. */
async function redraft(db: Db, ctx: RequestContext, id: string, edit: (tx: Tx, invoice: { currency: string }) => Promise<void>) {
  const invoice = await db.invoice.findFirst({ where: invoiceWhere(ctx.actor, { id }), select: { id: true, contractId: true, period: true, status: true, currency: true } });
  if (!invoice) throw notFound("Invoice not found");
  if (invoice.status !== "DRAFT") throw new AppError("INVOICE_NOT_DRAFT", NOT_DRAFT);
  const [contract] = await findContractsWithTerms(db, ctx.actor, { id: invoice.contractId });
  if (!contract) throw new AppError("INVOICE_NOT_DRAFT", "The contract has no approved terms any more: the draft cannot be priced");
  const outcome = await draftContractInvoice(db, contract, invoice.period, undefined, async (tx, draftId) => {
    // Issued (or replaced) between the read above and the lock.
    if (draftId !== invoice.id) throw new AppError("INVOICE_NOT_DRAFT", NOT_DRAFT);
    await edit(tx, invoice);
  });
  if (outcome.outcome !== "DRAFTED") throw new AppError("INVOICE_NOT_DRAFT", NOT_DRAFT);
  const written = await db.invoice.findUniqueOrThrow({ where: { id }, select: { total: true, flags: true, _count: { select: { lines: true } } } });
  return { id, total: written.total.toFixed(), lineCount: written._count.lines, flagCount: (written.flags as unknown[]).length };
}

export async function regenerateDraft(db: Db, ctx: RequestContext, input: z.infer<typeof ZRegenerateDraftRequestSchema>) {
  return redraft(db, ctx, input.id, async (tx) => {
    const before = await tx.invoice.findUniqueOrThrow({ where: { id: input.id }, select: { total: true } });
    await recordAudit(tx, ctx, { action: "invoice.regenerated", entityId: input.id, before: { total: before.total.toFixed() } });
  });
}

export async function addManualLine(db: Db, ctx: RequestContext, input: z.infer<typeof ZAddManualLineRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Manual lines are added by people");
  const addedBy = ctx.actor.label;
  return redraft(db, ctx, input.id, async (tx, invoice) => {
    const error = amountPrecisionError(input.amount, invoice.currency);
    if (error) throw new AppError("VALIDATION_FAILED", error, { fieldErrors: { amount: [error] } });
    const id = randomUUID();
    const line = manualLine(input, invoice.currency, { id, addedBy, addedAt: new Date() });
    // Placed last for now; the drafting that follows puts it after the priced lines.
    const position = await tx.invoiceLine.count({ where: { invoiceId: input.id } });
    await tx.invoiceLine.create({ data: { id, invoiceId: input.id, position, key: line.key, kind: line.kind, lineKey: line.lineKey, description: line.description, quantity: line.quantity, unrounded: line.unrounded, amount: line.amount, trace: line.trace as object } });
    await recordAudit(tx, ctx, { action: "invoice.manualLineAdded", entityId: input.id, after: { lineId: id, description: line.description, amount: line.amount }, reason: input.reason });
  });
}

export async function removeManualLine(db: Db, ctx: RequestContext, input: z.infer<typeof ZRemoveManualLineRequestSchema>) {
  return redraft(db, ctx, input.id, async (tx) => {
    const line = await tx.invoiceLine.findFirst({ where: { id: input.lineId, invoiceId: input.id }, select: { kind: true, description: true, amount: true } });
    if (!line) throw notFound("Line not found on this draft");
    if (line.kind !== "MANUAL") throw new AppError("INVOICE_NOT_DRAFT", "Only manual lines can be removed: priced lines come from the terms and the data", { fieldErrors: { lineId: ["Not a manual line"] } });
    await tx.invoiceLine.delete({ where: { id: input.lineId } });
    await recordAudit(tx, ctx, { action: "invoice.manualLineRemoved", entityId: input.id, before: { lineId: input.lineId, description: line.description, amount: line.amount.toFixed() } });
  });
}
