// After issue: finance records payments received (an invoice becomes partially paid, then paid; never paid beyond
// what is due), issues credit notes (partial or full, with a reason; never more than what remains creditable;
// numbered CN-2026-000045), records refunds of what was paid beyond what a credited invoice asks (never more than
// is owed back), voids an invoice issued in error (with a reason; its number stays used) and writes off a balance
// that will not be received (uncollectible, with a reason). Each under a row lock, through the state machine
// (domain/invoices/invoice-lifecycle.ts), audited in the same transaction.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ZIsoDate } from "../../domain/contracts/terms";
import { todayIso } from "../../domain/contracts/dates";
import { balanceDueOf, canMarkUncollectible, canVoid, CREDIT_REASONS, creditNoteNumber, creditOutcome, paymentOutcome, refundOutcome, type CreditReason } from "../../domain/invoices/invoice-lifecycle";
import { amountPrecisionError, Dec, ZPositiveDecimal } from "../../domain/money";
import { AppError } from "../../errors";
import type { AuditAction } from "../audit/audit-actions";
import { recordAudit } from "../audit/record-audit";
import { recordConversionsUnbilled } from "../conversions/record-conversions-billed";
import { nextDocumentNumber } from "./document-numbers";
import { lockInvoice, type LockedInvoice } from "./lock-invoice";

const ZInvoiceId = z.string().uuid("Not an invoice id");
const ZPastDay = ZIsoDate.refine((d) => d <= todayIso(), "Not in the future");
const ZTransferReference = z.string().trim().min(3, "Give the transfer's reference (at least 3 characters)").max(120);

export const ZRecordPaymentRequestSchema = z.object({ id: ZInvoiceId, amount: ZPositiveDecimal, receivedOn: ZPastDay, reference: ZTransferReference });

export const ZRecordRefundRequestSchema = z.object({ id: ZInvoiceId, amount: ZPositiveDecimal, paidOn: ZPastDay, reference: ZTransferReference });

export const ZIssueCreditNoteRequestSchema = z.object({
  id: ZInvoiceId,
  amount: ZPositiveDecimal,
  reason: z.enum(Object.keys(CREDIT_REASONS) as [CreditReason, ...CreditReason[]], { error: "Choose a reason" }),
  note: z.string().trim().min(5, "Say what it corrects (at least 5 characters)").max(500),
});

export const ZVoidInvoiceRequestSchema = z.object({
  id: ZInvoiceId,
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

/**
 * Ends an issued invoice for good (void, uncollectible): under its row lock, when the lifecycle allows it, audited
 * with the reason. `settle` does what else the ending needs in the same transaction and answers what to audit.
 */
async function endInvoice<S extends "VOID" | "UNCOLLECTIBLE">(
  db: Db,
  ctx: RequestContext,
  input: { id: string; reason: string },
  end: {
    status: S;
    action: AuditAction;
    allowed: (invoice: LockedInvoice) => { ok: true } | { ok: false; message: string };
    /** The reason's column. */
    data: Pick<Prisma.InvoiceUpdateInput, "voidReason" | "uncollectibleReason">;
    settle: (tx: Tx, invoice: LockedInvoice) => Promise<object>;
  },
) {
  personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    const allowed = end.allowed(invoice);
    if (!allowed.ok) throw new AppError("INVOICE_NOT_PAYABLE", allowed.message);
    await tx.invoice.update({ where: { id: input.id }, data: { status: end.status, ...end.data } });
    const audited = await end.settle(tx, invoice);
    await recordAudit(tx, ctx, { action: end.action, entityId: input.id, before: { status: invoice.status }, after: { status: end.status, number: invoice.number, ...audited }, reason: input.reason });
    return { id: input.id, status: end.status };
  });
}

export async function voidInvoice(db: Db, ctx: RequestContext, input: z.infer<typeof ZVoidInvoiceRequestSchema>) {
  return endInvoice(db, ctx, input, {
    status: "VOID",
    action: "invoice.voided",
    allowed: canVoid,
    data: { voidReason: input.reason },
    settle: async (tx, invoice) => ({ conversionsUnbilled: await recordConversionsUnbilled(tx, input.id, invoice.period) }),
  });
}

/** The balance due will not be received (the advertiser went bankrupt, the claim was settled): written off, final. */
export async function markUncollectible(db: Db, ctx: RequestContext, input: z.infer<typeof ZMarkUncollectibleRequestSchema>) {
  return endInvoice(db, ctx, input, {
    status: "UNCOLLECTIBLE",
    action: "invoice.markedUncollectible",
    allowed: canMarkUncollectible,
    data: { uncollectibleReason: input.reason },
    settle: async (_tx, invoice) => ({ writtenOff: balanceDueOf(invoice).toFixed() }),
  });
}

/** Money sent back to the advertiser of what it paid beyond what the invoice asks after its credit notes. */
export async function recordRefund(db: Db, ctx: RequestContext, input: z.infer<typeof ZRecordRefundRequestSchema>) {
  const recordedById = personOf(ctx);
  return db.$transaction(async (tx) => {
    const invoice = await lockInvoice(tx, input.id);
    refuseFinerThanCurrency(input.amount, invoice.currency);
    const outcome = refundOutcome(invoice, input.amount);
    if (!outcome.ok) throw new AppError("INVOICE_NOT_PAYABLE", outcome.message, { fieldErrors: { amount: [outcome.message] } });
    await tx.invoiceRefund.create({ data: { invoiceId: input.id, amount: input.amount, paidOn: new Date(`${input.paidOn}T00:00:00Z`), reference: input.reference, recordedById } });
    await tx.invoice.update({ where: { id: input.id }, data: { refunded: outcome.refunded } });
    await recordAudit(tx, ctx, { action: "invoice.refundRecorded", entityId: input.id, before: { refunded: invoice.refunded }, after: { refunded: outcome.refunded, amount: input.amount, reference: input.reference } });
    return { id: input.id, status: invoice.status, refunded: outcome.refunded };
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
