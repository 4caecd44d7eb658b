// The invoice's state machine, in one place. DRAFT → ISSUED (numbered, due date set) → PAID / PARTIALLY_PAID /
// VOID / UNCOLLECTIBLE. Only drafts change; the database enforces that too (see the billing-runs migration).
import { addDays } from "../contracts/dates";

export type InvoiceStatus = "DRAFT" | "ISSUED" | "PARTIALLY_PAID" | "PAID" | "VOID" | "UNCOLLECTIBLE";

export function canIssue(status: InvoiceStatus): { ok: true } | { ok: false; message: string } {
  if (status === "DRAFT") return { ok: true };
  return { ok: false, message: status === "VOID" ? "This invoice is void" : "This invoice is already issued" };
}

/** INV-2026-000123: the year it is issued in, and its place in that year's gapless sequence. */
export const invoiceNumber = (year: number, sequence: number) => `INV-${year}-${String(sequence).padStart(6, "0")}`;

/** Due `paymentTermsDays` after the day of issue (UTC). */
export const dueDateOf = (issuedOn: string, paymentTermsDays: number) => addDays(issuedOn, paymentTermsDays);
