import { z } from "zod";
import { getInvoice, INVOICE_STATUSES, listInvoices, ZListInvoicesRequestSchema } from "../../services/invoices/invoice-queries";
import { issueInvoice, ZIssueInvoiceRequestSchema } from "../../services/invoices/issue-invoice";
import { addManualLine, regenerateDraft, removeManualLine, ZAddManualLineRequestSchema, ZRegenerateDraftRequestSchema, ZRemoveManualLineRequestSchema } from "../../services/invoices/edit-draft";
import {
  issueCreditNote,
  markUncollectible,
  recordPayment,
  recordRefund,
  voidInvoice,
  ZIssueCreditNoteRequestSchema,
  ZMarkUncollectibleRequestSchema,
  ZRecordPaymentRequestSchema,
  ZRecordRefundRequestSchema,
  ZVoidInvoiceRequestSchema,
} from "../../services/invoices/settle-invoice";
import { ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZStatus = z.enum(INVOICE_STATUSES);
/** What every view of an invoice shows: who, which period, how much, and where it stands. */
const ZInvoiceBase = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: ZStatus,
  period: z.string(),
  currency: z.string(),
  total: z.string(),
  balanceDue: z.string(),
  issuedAt: z.date().nullable(),
  dueDate: z.string().nullable(),
  contract: z.object({ id: z.string(), number: z.string(), title: z.string() }),
  advertiser: z.string(),
});
/** A draft as written again after an edit. */
const ZRedrafted = z.object({ id: z.string(), total: z.string(), lineCount: z.number().int(), flagCount: z.number().int() });
const ZInvoiceSummary = ZInvoiceBase.extend({ flagCount: z.number().int(), lineCount: z.number().int() });
const ZInvoiceDetail = ZInvoiceBase.extend({
  flags: z.array(z.object({ kind: z.string(), message: z.string() })),
  draftedAt: z.date(),
  paymentTermsDays: z.number().int(),
  paid: z.string(),
  credited: z.string(),
  refunded: z.string(),
  refundDue: z.string(),
  payments: z.array(z.object({ id: z.string(), amount: z.string(), on: z.string(), reference: z.string() })),
  refunds: z.array(z.object({ id: z.string(), amount: z.string(), on: z.string(), reference: z.string() })),
  creditNotes: z.array(z.object({ id: z.string(), number: z.string(), amount: z.string(), reason: z.string(), note: z.string(), issuedAt: z.date() })),
  voidReason: z.string().nullable(),
  uncollectibleReason: z.string().nullable(),
  lines: z.array(z.object({ id: z.string(), key: z.string(), kind: z.string(), description: z.string(), quantity: z.string(), unrounded: z.string(), amount: z.string(), explanation: z.array(z.string()) })),
});

export const invoicesRouter = createTRPCRouter({
  list: permittedProcedure("invoices:read").input(ZListInvoicesRequestSchema).output(ZPage(ZInvoiceSummary)).query(({ ctx, input }) => listInvoices(ctx.db, ctx.actor, input)),
  byId: permittedProcedure("invoices:read").input(z.object({ id: z.string().uuid("Not an invoice id") })).output(ZInvoiceDetail).query(({ ctx, input }) => getInvoice(ctx.db, ctx.actor, input.id)),
  // Preparing a draft is part of issuing it: the same finance permission.
  regenerate: permittedProcedure("invoices:issue").input(ZRegenerateDraftRequestSchema).output(ZRedrafted).mutation(({ ctx, input }) => regenerateDraft(ctx.db, ctx.request, input)),
  addManualLine: permittedProcedure("invoices:issue").input(ZAddManualLineRequestSchema).output(ZRedrafted).mutation(({ ctx, input }) => addManualLine(ctx.db, ctx.request, input)),
  removeManualLine: permittedProcedure("invoices:issue").input(ZRemoveManualLineRequestSchema).output(ZRedrafted).mutation(({ ctx, input }) => removeManualLine(ctx.db, ctx.request, input)),
  issue: permittedProcedure("invoices:issue")
    .input(ZIssueInvoiceRequestSchema)
    .output(z.object({ id: z.string(), number: z.string(), status: z.literal("ISSUED"), total: z.string(), dueDate: z.string() }))
    .mutation(({ ctx, input }) => issueInvoice(ctx.db, ctx.request, input)),
  recordPayment: permittedProcedure("invoices:settle")
    .input(ZRecordPaymentRequestSchema)
    .output(z.object({ id: z.string(), status: ZStatus, paid: z.string() }))
    .mutation(({ ctx, input }) => recordPayment(ctx.db, ctx.request, input)),
  recordRefund: permittedProcedure("invoices:settle")
    .input(ZRecordRefundRequestSchema)
    .output(z.object({ id: z.string(), status: ZStatus, refunded: z.string() }))
    .mutation(({ ctx, input }) => recordRefund(ctx.db, ctx.request, input)),
  credit: permittedProcedure("invoices:settle")
    .input(ZIssueCreditNoteRequestSchema)
    .output(z.object({ id: z.string(), number: z.string(), amount: z.string(), credited: z.string() }))
    .mutation(({ ctx, input }) => issueCreditNote(ctx.db, ctx.request, input)),
  void: permittedProcedure("invoices:settle").input(ZVoidInvoiceRequestSchema).output(z.object({ id: z.string(), status: ZStatus })).mutation(({ ctx, input }) => voidInvoice(ctx.db, ctx.request, input)),
  markUncollectible: permittedProcedure("invoices:settle")
    .input(ZMarkUncollectibleRequestSchema)
    .output(z.object({ id: z.string(), status: ZStatus }))
    .mutation(({ ctx, input }) => markUncollectible(ctx.db, ctx.request, input)),
});
