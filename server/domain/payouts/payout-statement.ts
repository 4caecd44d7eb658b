// The payout statement's state machine, in one place: DRAFT → APPROVED (finance) → PAID (with a reference). A draft
// is replaced whole by a redraft; approved and paid statements never change (the database refuses it too).
export type PayoutStatus = "DRAFT" | "APPROVED" | "PAID";
export type PayoutTransition = "APPROVE" | "MARK_PAID";

const TRANSITIONS: Record<PayoutTransition, { from: PayoutStatus; to: PayoutStatus }> = {
  APPROVE: { from: "DRAFT", to: "APPROVED" },
  MARK_PAID: { from: "APPROVED", to: "PAID" },
};

const REFUSALS: Record<PayoutTransition, Partial<Record<PayoutStatus, string>>> = {
  APPROVE: { APPROVED: "This statement is already approved", PAID: "This statement is already paid" },
  MARK_PAID: { DRAFT: "Approve the statement before marking it paid", PAID: "This statement is already paid" },
};

export function payoutTransition(status: PayoutStatus, transition: PayoutTransition): { ok: true; to: PayoutStatus } | { ok: false; message: string } {
  const { from, to } = TRANSITIONS[transition];
  return status === from ? { ok: true, to } : { ok: false, message: REFUSALS[transition][status] ?? `Cannot ${transition.toLowerCase()} a ${status.toLowerCase()} statement` };
}

/** Whether a redraft may replace the statement: only drafts are replaced; approved and paid ones stay as they are. */
export const isRedraftable = (status: PayoutStatus) => status === "DRAFT";
