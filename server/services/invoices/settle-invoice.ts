// After issue: finance records payments received (an invoice becomes partially paid, then paid; never paid beyond
// what is due), issues credit notes (partial or full, with a reason; never more than what remains creditable;
// numbered CN-2026-000045), voids an invoice issued in error (with a reason; its number stays used) and writes off
// a balance that will not be received (uncollectible, with a reason). Each under
// a row lock, through the state machine (domain/invoices/invoice-lifecycle.ts), audited in the same transaction.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { ZIsoDate } from "../../domain/contracts/terms";
import { todayIso } from "../../domain/contracts/dates";
import { balanceDueOf, canMarkUncollectible, canVoid, CREDIT_REASONS, creditNoteNumber, creditOutcome, paymentOutcome, type CreditReason } from "../../domain/invoices/invoice-lifecycle";
import { amountPrecisionError, Dec, ZPositiveDecimal } from "../../domain/money";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { nextDocumentNumber } from "./document-numbers";
import { lockInvoice } from "./lock-invoice";

export const ZRecordPaymentRequestSchema = z.object({
  id: z.string().uuid("Not an invoice id"),
  amount: ZPositiveDecimal,
  receivedOn: ZIsoDate.refine((d) => d <= todayIso(), "Not in the future"),
  reference: z.string().trim().min(3, "Give the payment's reference (at least 3 characters)").max(120),
});

export const ZIssueCreditNoteRequestSchema = z.object({
  id: z.string().uuid("Not an invoice id"),
  amount: ZPositiveDecimal,
  reason: z.enum(Object.keys(CREDIT_REASONS) as [CreditReason, ...CreditReason[]], { error: "Choose a reason" }),
  note: z.string().trim().min(5, "Say what it corrects (at least 5 characters)").max(500),
});

export const ZVoidInvoiceRequestSchema = z.object({
  id: z.string().uuid("Not an invoice id"),
  reason: z.string().trim().min(5, "Say why (at least 5 characters)").max(500),
});

export const ZMarkUncollectibleRequestSchema = ZVoidInvoiceRequestSchema;

/** Money moves in the invoice's currency: nothing finer than its minor unit (0.001 USD cannot be paid or credited). */
function refuseFinerThanCurrency(amount: string, currency: string) {
  const error = amountPrecisionError(amount, currency);
  if (error) throw new AppError("VALIDATION_FAILED", error, { fieldErrors: { amount: [error] } });
}

function personOf(ctx: RequestContext) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Payments and voids are recorded by people");
  return ctx.actor.id;
}

export async function recordPayment(db: Db, ctx: RequestContext, input: z.infer<typeof ZRecordPaymentRequestSchema>) {
  const recordedById = personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    refuseFinerThanCurrency(input.amount, invoice.currency);
    const outcome = paymentOutcome(invoice, input.amount);
    if (!outcome.ok) throw new AppError("INVOICE_NOT_PAYABLE", outcome.message, { fieldErrors: { amount: [outcome.message] } });
    await tx.invoicePayment.create({ data: { invoiceId: input.id, amount: input.amount, receivedOn: new Date(`${input.receivedOn}T00:00:00Z`), reference: input.reference, recordedById } });
    await tx.invoice.update({ where: { id: input.id }, data: { status: outcome.status, paid: outcome.paid } });
    await recordAudit(tx, ctx, { action: "invoice.paymentRecorded", entityId: input.id, before: { status: invoice.status, paid: invoice.paid }, after: { status: outcome.status, paid: outcome.paid, amount: input.amount, reference: input.reference } });
    return { id: input.id, status: outcome.status, paid: outcome.paid };
  });
}

export async function voidInvoice(db: Db, ctx: RequestContext, input: z.infer<typeof ZVoidInvoiceRequestSchema>) {
  personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    const allowed = canVoid(invoice);
    if (!allowed.ok) throw new AppError("INVOICE_NOT_PAYABLE", allowed.message);
    await tx.invoice.update({ where: { id: input.id }, data: { status: "VOID", voidReason: input.reason } });
    // What it billed was never billed after all: its conversions go back to be billed when their month is invoiced
    // again (or, approved late, on the next draft). Reversals already credited stay as they are.
    await tx.$executeRaw`
      UPDATE conversion c SET billed_at = NULL, billed_period = NULL, billed_amount = NULL
      FROM invoice_conversion ic
      WHERE ic.invoice_id = ${input.id}::uuid AND c.id = ic.conversion_id AND c.billed_period = ${invoice.period} AND c.credited_period IS NULL`;
    await recordAudit(tx, ctx, { action: "invoice.voided", entityId: input.id, before: { status: invoice.status }, after: { status: "VOID", number: invoice.number }, reason: input.reason });
    return { id: input.id, status: "VOID" as const };
  });
}

/** The balance due will not be received (the advertiser went bankrupt, the claim was settled): written off, final. */
export async function markUncollectible(db: Db, ctx: RequestContext, input: z.infer<typeof ZMarkUncollectibleRequestSchema>) {
  personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    const allowed = canMarkUncollectible(invoice);
    if (!allowed.ok) throw new AppError("INVOICE_NOT_PAYABLE", allowed.message);
    const writtenOff = balanceDueOf(invoice).toFixed();
    await tx.invoice.update({ where: { id: input.id }, data: { status: "UNCOLLECTIBLE", uncollectibleReason: input.reason } });
    await recordAudit(tx, ctx, { action: "invoice.markedUncollectible", entityId: input.id, before: { status: invoice.status }, after: { status: "UNCOLLECTIBLE", number: invoice.number, writtenOff }, reason: input.reason });
    return { id: input.id, status: "UNCOLLECTIBLE" as const };
  });
}

export async function issueCreditNote(db: Db, ctx: RequestContext, input: z.infer<typeof ZIssueCreditNoteRequestSchema>) {
  const issuedById = personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    refuseFinerThanCurrency(input.amount, invoice.currency);
    const outcome = creditOutcome(invoice, input.amount);
    if (!outcome.ok) throw new AppError("INVOICE_NOT_PAYABLE", outcome.message, { fieldErrors: { amount: [outcome.message] } });
    const year = new Date().getUTCFullYear();
    const number = creditNoteNumber(year, await nextDocumentNumber(tx, "CN", year));
    const note = await tx.creditNote.create({ data: { invoiceId: input.id, number, amount: input.amount, reasonCode: input.reason, note: input.note, issuedById } });
    // Credited in full on top of what was paid settles the invoice.
    const settledNow = invoice.status === "PARTIALLY_PAID" && new Dec(invoice.paid).plus(outcome.credited).gte(invoice.total);
    await tx.invoice.update({ where: { id: input.id }, data: { credited: outcome.credited, ...(settledNow && { status: "PAID" }) } });
    await recordAudit(tx, ctx, { action: "creditNote.issued", entityId: note.id, after: { number, invoice: invoice.number, amount: input.amount, reason: CREDIT_REASONS[input.reason] }, reason: input.note });
    return { id: note.id, number, amount: note.amount.toFixed(), credited: outcome.credited };
  });
}
