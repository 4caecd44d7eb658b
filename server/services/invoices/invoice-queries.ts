// Reading invoices through the one scoped builder (invoice-scope.ts): finance sees drafts with their review flags,
// advertisers their own issued invoices. Every line comes with its explanation in sentences (explain-line.ts).
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { ZBillingPeriod } from "../../domain/billing/billing-period";
import type { DraftLine } from "../../domain/billing/draft-line";
import { explainLine } from "../../domain/billing/explain-line";
import { toIsoDate } from "../../domain/contracts/dates";
import type { InvoiceFlag } from "../../domain/invoices/invoice-flags";
import { balanceDueOf, CREDIT_REASONS, refundDueOf, type CreditReason } from "../../domain/invoices/invoice-lifecycle";
import { notFound } from "../../errors";
import { pageOf, pageWindow } from "../pagination";
import { invoiceWhere } from "./invoice-scope";

export const INVOICE_STATUSES = ["DRAFT", "ISSUED", "PARTIALLY_PAID", "PAID", "VOID", "UNCOLLECTIBLE"] as const;

export const ZListInvoicesRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  status: z.enum(INVOICE_STATUSES).optional(),
  period: ZBillingPeriod.optional(),
  /** Only drafts with review flags. */
  flagged: z.boolean().default(false),
});

const summarySelect = {
  id: true,
  number: true,
  status: true,
  period: true,
  currency: true,
  total: true,
  paid: true,
  credited: true,
  refunded: true,
  flags: true,
  issuedAt: true,
  dueDate: true,
  contractId: true,
  advertiserId: true,
  _count: { select: { lines: true } },
} as const;

type SettledRow = { status: string; total: Prisma.Decimal; paid: Prisma.Decimal; credited: Prisma.Decimal; refunded: Prisma.Decimal };

const settledOf = (i: SettledRow) => ({ total: i.total.toFixed(), paid: i.paid.toFixed(), credited: i.credited.toFixed(), refunded: i.refunded.toFixed() });

/** What the advertiser still owes: nothing on a draft or a void invoice. */
const balanceDue = (i: SettledRow) => (i.status === "DRAFT" || i.status === "VOID" || i.status === "UNCOLLECTIBLE" ? "0" : balanceDueOf(settledOf(i)).toFixed());

/** What is owed back to the advertiser (it paid more than the invoice asks after its credit notes). */
const refundDue = (i: SettledRow) => (i.status === "DRAFT" || i.status === "VOID" ? "0" : refundDueOf(settledOf(i)).toFixed());

async function partiesOf(db: Db, rows: { contractId: string; advertiserId: string }[]) {
  const [contracts, advertisers] = await Promise.all([
    db.contract.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.contractId))] } }, select: { id: true, number: true, title: true } }),
    db.advertiser.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.advertiserId))] } }, select: { id: true, name: true } }),
  ]);
  return { contract: (id: string) => contracts.find((c) => c.id === id)!, advertiser: (id: string) => advertisers.find((a) => a.id === id)! };
}

export async function listInvoices(db: Db, actor: Actor, input: z.infer<typeof ZListInvoicesRequestSchema>) {
  const where = invoiceWhere(actor, {
    ...(input.status && { status: input.status }),
    ...(input.period && { period: input.period }),
    ...(input.flagged && { status: "DRAFT", NOT: { flags: { equals: [] } } }),
  });
  const [total, rows] = await Promise.all([db.invoice.count({ where }), db.invoice.findMany({ where, select: summarySelect, orderBy: [{ period: "desc" }, { number: "desc" }, { id: "asc" }], ...pageWindow(input) })]);
  const parties = await partiesOf(db, rows);
  return pageOf(
    input,
    total,
    rows.map((r) => ({
      id: r.id,
      number: r.number,
      status: r.status,
      period: r.period,
      currency: r.currency,
      total: r.total.toFixed(),
      balanceDue: balanceDue(r),
      flagCount: (r.flags as unknown[]).length,
      lineCount: r._count.lines,
      issuedAt: r.issuedAt,
      dueDate: r.dueDate ? toIsoDate(r.dueDate) : null,
      contract: { id: r.contractId, number: parties.contract(r.contractId).number, title: parties.contract(r.contractId).title },
      advertiser: parties.advertiser(r.advertiserId).name,
    })),
  );
}

export async function getInvoice(db: Db, actor: Actor, id: string) {
  const invoice = await db.invoice.findFirst({ where: invoiceWhere(actor, { id }), include: { lines: { orderBy: { position: "asc" } }, creditNotes: { orderBy: { issuedAt: "asc" } }, payments: { orderBy: [{ receivedOn: "asc" }, { createdAt: "asc" }] }, refunds: { orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }] } } });
  if (!invoice) throw notFound("Invoice not found");
  const parties = await partiesOf(db, [invoice]);
  const contract = await db.contract.findUniqueOrThrow({ where: { id: invoice.contractId }, select: { roundingMode: true, paymentTermsDays: true } });
  return {
    id: invoice.id,
    number: invoice.number,
    status: invoice.status,
    period: invoice.period,
    currency: invoice.currency,
    total: invoice.total.toFixed(),
    flags: invoice.flags as unknown as InvoiceFlag[],
    draftedAt: invoice.draftedAt,
    issuedAt: invoice.issuedAt,
    dueDate: invoice.dueDate ? toIsoDate(invoice.dueDate) : null,
    paymentTermsDays: contract.paymentTermsDays,
    paid: invoice.paid.toFixed(),
    credited: invoice.credited.toFixed(),
    creditNotes: invoice.creditNotes.map((c) => ({ id: c.id, number: c.number, amount: c.amount.toFixed(), reason: CREDIT_REASONS[c.reasonCode as CreditReason] ?? c.reasonCode, note: c.note, issuedAt: c.issuedAt })),
    refunded: invoice.refunded.toFixed(),
    payments: invoice.payments.map((p) => ({ id: p.id, amount: p.amount.toFixed(), on: toIsoDate(p.receivedOn), reference: p.reference })),
    refunds: invoice.refunds.map((r) => ({ id: r.id, amount: r.amount.toFixed(), on: toIsoDate(r.paidOn), reference: r.reference })),
    balanceDue: balanceDue(invoice),
    refundDue: refundDue(invoice),
    voidReason: invoice.voidReason,
    uncollectibleReason: invoice.uncollectibleReason,
    contract: { id: invoice.contractId, number: parties.contract(invoice.contractId).number, title: parties.contract(invoice.contractId).title },
    advertiser: parties.advertiser(invoice.advertiserId).name,
    lines: invoice.lines.map((l) => {
      const line = { key: l.key, kind: l.kind, lineKey: l.lineKey, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount.toFixed(), trace: l.trace } as unknown as DraftLine;
      return { id: l.id, key: l.key, kind: l.kind, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount.toFixed(), explanation: explainLine(line, invoice.currency, contract.roundingMode) };
    }),
  };
}

export type InvoiceDetail = Awaited<ReturnType<typeof getInvoice>>;

export const ZInvoiceNumber = z.string().trim().toUpperCase().regex(/^INV-\d{4}-\d{6}$/, "Use an invoice number like INV-2026-000123");

/** An invoice by its number, through the same scope. */
export async function getInvoiceByNumber(db: Db, actor: Actor, number: string) {
  const found = await db.invoice.findFirst({ where: invoiceWhere(actor, { number: ZInvoiceNumber.parse(number) }), select: { id: true } });
  if (!found) throw notFound(`No invoice ${number}`);
  return getInvoice(db, actor, found.id);
}
