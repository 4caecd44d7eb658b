// The invoice's state machine, in one place. DRAFT → ISSUED (numbered, due date set) → PAID / PARTIALLY_PAID /
// VOID / UNCOLLECTIBLE. Only drafts change; the database enforces that too (see the billing-runs migration).
import { addDays } from "../contracts/dates";
import { Dec } from "../money";

export type InvoiceStatus = "DRAFT" | "ISSUED" | "PARTIALLY_PAID" | "PAID" | "VOID" | "UNCOLLECTIBLE";

export function canIssue(status: InvoiceStatus): { ok: true } | { ok: false; message: string } {
  if (status === "DRAFT") return { ok: true };
  return { ok: false, message: status === "VOID" ? "This invoice is void" : "This invoice is already issued" };
}

/** INV-2026-000123: the year it is issued in, and its place in that year's gapless sequence. */
export const invoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(6, "0")}`;

/** Due `paymentTermsDays` after the day of issue (UTC). */
export const dueDateOf = (issuedOn: string, paymentTermsDays: number) => addDays(issuedOn, paymentTermsDays);

/** An issued invoice's money so far. */
export interface Settled {
  total: string;
  paid: string;
  credited: string;
  /** Sent back of an overpayment. */
  refunded: string;
}

/** What the advertiser has paid and kept paid: payments less refunds. */
const keptPaid = (invoice: Settled) => new Dec(invoice.paid).minus(invoice.refunded);

/** What is still owed: the total less payments kept and credits, never below zero. */
export const balanceDueOf = (invoice: Settled) => Dec.max(0, new Dec(invoice.total).minus(keptPaid(invoice)).minus(invoice.credited));

/**
 * What is owed back: payments kept beyond what the invoice asks after its credit notes (a credit note on a paid
 * invoice), never below zero.
 */
export const refundDueOf = (invoice: Settled) => Dec.max(0, keptPaid(invoice).plus(invoice.credited).minus(invoice.total));

/** A refund of `amount`: on an issued invoice that is not void, never more than the refund due. */
export function refundOutcome(invoice: Settled & { status: InvoiceStatus }, amount: string): { ok: true; refunded: string } | { ok: false; message: string } {
  if (invoice.status === "DRAFT" || invoice.status === "VOID") return { ok: false, message: invoice.status === "DRAFT" ? "Issue the invoice first" : "This invoice is void" };
  const due = refundDueOf(invoice);
  if (due.isZero()) return { ok: false, message: "Nothing is owed back on it: the advertiser has not paid more than it asks" };
  if (new Dec(amount).greaterThan(due)) return { ok: false, message: `More than is owed back (${due.toFixed()})` };
  return { ok: true, refunded: new Dec(invoice.refunded).plus(amount).toFixed() };
}

const settled = (status: InvoiceStatus) => (status === "DRAFT" ? "Issue the invoice first" : `This invoice is ${status.toLowerCase().replace("_", " ")}`);

/** A payment of `amount` against an invoice: refused unless it is issued and the amount fits the balance due. */
export function paymentOutcome(invoice: Settled & { status: InvoiceStatus }, amount: string): { ok: true; status: "PAID" | "PARTIALLY_PAID"; paid: string } | { ok: false; message: string } {
  if (invoice.status !== "ISSUED" && invoice.status !== "PARTIALLY_PAID") return { ok: false, message: invoice.status === "DRAFT" ? "Issue the invoice before recording a payment" : settled(invoice.status) };
  const due = balanceDueOf(invoice);
  if (new Dec(amount).greaterThan(due)) return { ok: false, message: `More than the balance due (${due.toFixed()})` };
  const paid = new Dec(invoice.paid).plus(amount);
  return { ok: true, status: paid.plus(invoice.credited).gte(invoice.total) ? "PAID" : "PARTIALLY_PAID", paid: paid.toFixed() };
}

export const CREDIT_REASONS = { BILLING_ERROR: "Billing error", DISCREPANCY: "Delivery discrepancy", SERVICE_ISSUE: "Service issue", RETURNED_CONVERSIONS: "Returned conversions", GOODWILL: "Goodwill" } as const;
export type CreditReason = keyof typeof CREDIT_REASONS;

/** A credit note of `amount`: on an issued invoice, never more than what remains creditable (total less earlier credits). */
export function creditOutcome(invoice: { status: InvoiceStatus; total: string; credited: string }, amount: string): { ok: true; credited: string } | { ok: false; message: string } {
  if (invoice.status === "DRAFT" || invoice.status === "VOID") return { ok: false, message: invoice.status === "DRAFT" ? "A draft is corrected by regenerating it, not credited" : "This invoice is void" };
  const creditable = new Dec(invoice.total).minus(invoice.credited);
  if (new Dec(amount).greaterThan(creditable)) return { ok: false, message: `More than what remains creditable (${creditable.toFixed()})` };
  return { ok: true, credited: new Dec(invoice.credited).plus(amount).toFixed() };
}

/** CN-2026-000045. */
export const creditNoteNumber = (year: number, sequence: number) => `CN-${year}-${String(sequence).padStart(6, "0")}`;

/** Void: an issued invoice nobody has paid anything on; its number stays used. */
export function canVoid(invoice: { status: InvoiceStatus; paid: string; credited: string }): { ok: true } | { ok: false; message: string } {
  if (invoice.status === "DRAFT") return { ok: false, message: "A draft is not voided: a billing run replaces it" };
  if (invoice.status !== "ISSUED") return { ok: false, message: `This invoice is ${invoice.status.toLowerCase().replace("_", " ")}` };
  if (!new Dec(invoice.paid).isZero()) return { ok: false, message: "Payments were recorded on it: credit it instead" };
  if (!new Dec(invoice.credited).isZero()) return { ok: false, message: "Credit notes were issued on it: credit the rest instead" };
  return { ok: true };
}

/** Uncollectible: an issued invoice with a balance finance no longer expects to receive; final, its number stays used. */
export function canMarkUncollectible(invoice: Settled & { status: InvoiceStatus }): { ok: true } | { ok: false; message: string } {
  if (invoice.status !== "ISSUED" && invoice.status !== "PARTIALLY_PAID") return { ok: false, message: invoice.status === "DRAFT" ? "Issue the invoice first" : settled(invoice.status) };
  if (balanceDueOf(invoice).isZero()) return { ok: false, message: "Nothing is due on it" };
  return { ok: true };
}
