// What an invoice document says, decided once for every format: the PDF (server/integrations/exports/invoice-pdf.tsx)
// lays this model out, the CSV is written here. Amounts stay decimal strings, formatted with decimal.js.
import { periodLabel } from "../billing/billing-period";
import { CURRENCY_MINOR_UNITS, Dec, formatAmount, groupDigits } from "../money";
import type { InvoiceStatus } from "./invoice-lifecycle";

/** Our company, as it appears at the top of every invoice (server/config/issuer.ts reads it from the environment). */
export interface Issuer {
  name: string;
  addressLines: string[];
  taxId: string | null;
  /** Bank, account or IBAN, BIC…: one entry per printed line. The payment reference is added per invoice. */
  paymentInstructions: string[];
}

/** The parts of an invoice a document shows: what getInvoice (services/invoices/invoice-queries.ts) returns. */
export interface InvoiceDocumentSource {
  number: string | null;
  status: InvoiceStatus;
  /** YYYY-MM */
  period: string;
  currency: string;
  total: string;
  paid: string;
  credited: string;
  /** Sent back of what was paid beyond what the invoice asks after its credit notes, and what is still owed back. */
  refunded: string;
  refundDue: string;
  balanceDue: string;
  issuedAt: Date | null;
  dueDate: string | null;
  paymentTermsDays: number;
  voidReason: string | null;
  advertiser: string;
  contract: { number: string; title: string };
  lines: Array<{ key: string; kind: string; description: string; quantity: string; unrounded: string; amount: string }>;
  creditNotes: Array<{ number: string; amount: string; reason: string; note: string; issuedAt: Date }>;
}

export interface InvoiceDocumentLine {
  description: string;
  kind: string;
  quantity: string;
  amount: string;
}

export interface InvoiceDocument {
  title: "INVOICE" | "DRAFT INVOICE";
  /** Printed across every page: drafts are not invoices yet, void ones are not owed. */
  watermark: "DRAFT" | "VOID" | null;
  number: string;
  status: string;
  /** What has become of an issued invoice since ("Paid", "Void: issued to the wrong entity"); null for drafts and plain issued ones. */
  statusNote: string | null;
  issuer: Issuer;
  billTo: string;
  contract: { number: string; title: string };
  period: string;
  issueDate: string;
  dueDate: string;
  currency: string;
  lines: InvoiceDocumentLine[];
  subtotal: string;
  total: string;
  creditNotes: Array<{ number: string; date: string; reason: string; amount: string }>;
  /** Null when nothing was credited: the row is left out. */
  creditsTotal: string | null;
  /** Null when nothing was paid: the row is left out. */
  payments: string | null;
  /** Null when nothing was refunded: the row is left out. */
  refunds: string | null;
  /** What is owed back to the advertiser; null when nothing is. */
  owedBack: string | null;
  balanceDue: string;
  balanceDueLabel: "Balance due" | "Due once issued";
  paymentInstructions: string[];
}

const KIND_LABELS: Record<string, string> = {
  RECURRING_FEE: "Recurring fee",
  ONE_OFF_FEE: "One-off fee",
  CPM: "CPM media",
  MINIMUM_TRUE_UP: "Minimum commitment true-up",
  AGENCY_COMMISSION: "Agency commission",
  CPA: "CPA conversions",
  CPA_TIER: "CPA volume tiers",
  CPA_CREDIT: "Reversed conversions",
  DELIVERY_ADJUSTMENT: "Delivery correction",
  MANUAL: "Other",
};

const QUANTITY_UNITS: Record<string, [one: string, many: string]> = {
  CPM: ["impression", "impressions"],
  RECURRING_FEE: ["day", "days"],
  CPA: ["conversion", "conversions"],
  CPA_TIER: ["conversion", "conversions"],
  CPA_CREDIT: ["conversion", "conversions"],
  DELIVERY_ADJUSTMENT: ["impression", "impressions"],
};

const STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: "Draft",
  ISSUED: "Issued",
  PARTIALLY_PAID: "Partially paid",
  PAID: "Paid",
  VOID: "Void",
  UNCOLLECTIBLE: "Uncollectible",
};

/** "-1234.5" in USD → "-1,234.50 USD". */
export const moneyText = (value: Dec | string, currency: string) => `${groupDigits(formatAmount(value, currency))} ${currency}`;

/** "2026-12-03" → "3 December 2026": a long month reads the same in every locale. */
export function dateText(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

function quantityText(line: InvoiceDocumentSource["lines"][number], currency: string): string {
  if (line.kind === "AGENCY_COMMISSION") return `on ${moneyText(line.quantity, currency)}`;
  if (line.kind === "MANUAL") return "";
  const units = QUANTITY_UNITS[line.kind];
  const grouped = groupDigits(new Dec(line.quantity).toFixed());
  return units ? `${grouped} ${new Dec(line.quantity).eq(1) ? units[0] : units[1]}` : grouped;
}

const sumOf = (values: string[]) => values.reduce((sum, v) => sum.plus(v), new Dec(0));

export function invoiceDocumentModel(invoice: InvoiceDocumentSource, issuer: Issuer): InvoiceDocument {
  const draft = invoice.status === "DRAFT";
  const subtotal = sumOf(invoice.lines.map((l) => l.amount));
  // The invariant every invoice keeps; a document that did not add up would be worse than no document.
  if (!subtotal.eq(invoice.total)) throw new Error(`Invoice total ${invoice.total} is not the sum of its lines (${subtotal.toFixed()})`);
  const money = (value: Dec | string) => moneyText(value, invoice.currency);
  // A draft's balance is what would be owed once issued (getInvoice reports 0: nothing is owed on a draft yet).
  const balanceDue = draft ? subtotal : new Dec(invoice.balanceDue);
  return {
    title: draft ? "DRAFT INVOICE" : "INVOICE",
    watermark: draft ? "DRAFT" : invoice.status === "VOID" ? "VOID" : null,
    number: invoice.number ?? "Draft",
    status: STATUS_LABELS[invoice.status],
    statusNote: statusNote(invoice),
    issuer,
    billTo: invoice.advertiser,
    contract: invoice.contract,
    period: periodLabel(invoice.period),
    issueDate: invoice.issuedAt ? dateText(invoice.issuedAt.toISOString().slice(0, 10)) : "Not issued",
    dueDate: invoice.dueDate ? dateText(invoice.dueDate) : `${invoice.paymentTermsDays} days after issue`,
    currency: invoice.currency,
    lines: invoice.lines.map((l) => ({ description: l.description, kind: KIND_LABELS[l.kind] ?? l.kind, quantity: quantityText(l, invoice.currency), amount: money(l.amount) })),
    subtotal: money(subtotal),
    total: money(invoice.total),
    creditNotes: invoice.creditNotes.map((c) => ({ number: c.number, date: dateText(c.issuedAt.toISOString().slice(0, 10)), reason: c.note ? `${c.reason}: ${c.note}` : c.reason, amount: money(new Dec(c.amount).neg()) })),
    creditsTotal: new Dec(invoice.credited).isZero() ? null : money(new Dec(invoice.credited).neg()),
    payments: new Dec(invoice.paid).isZero() ? null : money(new Dec(invoice.paid).neg()),
    refunds: new Dec(invoice.refunded).isZero() ? null : money(invoice.refunded),
    owedBack: new Dec(invoice.refundDue).isZero() ? null : money(invoice.refundDue),
    balanceDue: money(balanceDue),
    balanceDueLabel: draft ? "Due once issued" : "Balance due",
    paymentInstructions: paymentInstructions(invoice, issuer),
  };
}

function statusNote(invoice: InvoiceDocumentSource): string | null {
  if (invoice.status === "DRAFT" || invoice.status === "ISSUED") return null;
  return invoice.status === "VOID" && invoice.voidReason ? `Void: ${invoice.voidReason}` : STATUS_LABELS[invoice.status];
}

/** How to pay, while something is or will be owed; otherwise why nothing is. */
function paymentInstructions(invoice: InvoiceDocumentSource, issuer: Issuer): string[] {
  if (!new Dec(invoice.refundDue).isZero()) return [`Paid beyond what this invoice asks after its credit notes: ${moneyText(invoice.refundDue, invoice.currency)} is owed back to you and will be refunded by transfer.`];
  if (invoice.status === "PAID") return ["Paid in full: nothing is due. Thank you."];
  if (invoice.status === "VOID") return ["This invoice is void: nothing is due."];
  if (invoice.status === "UNCOLLECTIBLE") return ["This invoice was closed as uncollectible."];
  return [
    ...issuer.paymentInstructions,
    invoice.number ? `Payment reference: ${invoice.number}` : "Payment reference: the invoice number, given when it is issued",
    ...(invoice.dueDate ? [`Please pay by ${dateText(invoice.dueDate)}.`] : []),
  ];
}

// CSV: one header row, one row per invoice line, then SUMMARY rows in the same seven columns (so strict parsers
// see a rectangular table): subtotal, total, one row per credit note, credits, payments, refunds, balance_due. Filter
// kind ≠ SUMMARY to get the lines alone; their amounts add up to the subtotal row.
const CSV_HEADER = ["key", "kind", "description", "quantity", "unrounded", "amount", "currency"];

/** A plain decimal is data, never a formula, so "-12.50" stays a number a spreadsheet can add up. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One RFC 4180 field: text a spreadsheet would run as a formula gets a leading apostrophe, then quoted if needed. */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function invoiceCsv(invoice: InvoiceDocumentSource): string {
  const digits = CURRENCY_MINOR_UNITS[invoice.currency] ?? 2;
  const amount = (value: Dec | string) => new Dec(value).toFixed(digits);
  const summary = (key: string, description: string, value: Dec | string) => [key, "SUMMARY", description, "", "", amount(value), invoice.currency];
  const draft = invoice.status === "DRAFT";
  const rows = [
    CSV_HEADER,
    ...invoice.lines.map((l) => [l.key, l.kind, l.description, l.quantity, l.unrounded, amount(l.amount), invoice.currency]),
    summary("subtotal", "Subtotal", sumOf(invoice.lines.map((l) => l.amount))),
    summary("total", "Total", invoice.total),
    ...invoice.creditNotes.map((c) => summary(`credit:${c.number}`, `Credit note ${c.number} (${c.issuedAt.toISOString().slice(0, 10)}): ${c.reason}${c.note ? `: ${c.note}` : ""}`, new Dec(c.amount).neg())),
    summary("credits", "Credit notes", new Dec(invoice.credited).neg()),
    summary("payments", "Payments received", new Dec(invoice.paid).neg()),
    summary("refunds", "Refunds sent", invoice.refunded),
    summary("balance_due", draft ? "Balance due once issued" : "Balance due", draft ? invoice.total : invoice.balanceDue),
  ];
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/** INV-2026-000123.pdf once issued; DRAFT-C-2026-0001-2026-10.pdf before. Only [A-Za-z0-9-] before the extension. */
export function documentFileName(invoice: Pick<InvoiceDocumentSource, "number" | "contract" | "period">, ext: "pdf" | "csv"): string {
  const stem = invoice.number ?? `DRAFT-${invoice.contract.number}-${invoice.period}`;
  return `${stem.replace(/[^A-Za-z0-9-]/g, "_")}.${ext}`;
}
