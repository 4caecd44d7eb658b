// Review of eligible conversions, in one place: PENDING → APPROVED | REJECTED (with a reason), and a decision may be
// changed until the conversion is billed. Ineligible and over-cap conversions are never reviewed (their verdict is the reason),
// and billed conversions are locked: a later correction is a reversal that credits the next invoice.
export const REJECTION_REASONS = { FRAUD: "Fraud", DUPLICATE: "Duplicate", RETURNED_ORDER: "Returned order", TEST: "Test conversion" } as const;
export type RejectionReason = keyof typeof REJECTION_REASONS;

export type ReviewDecision = { decision: "APPROVE" } | { decision: "REJECT"; reason: RejectionReason };

export type ReviewRefusal = "NOT_ELIGIBLE" | "LOCKED_BILLED";

export function reviewOutcome(conversion: { eligibility: "ELIGIBLE" | "INELIGIBLE" | "OVER_CAP"; billedAt: Date | null }, decision: ReviewDecision) {
  if (conversion.billedAt !== null) return { ok: false as const, refusal: "LOCKED_BILLED" as ReviewRefusal };
  if (conversion.eligibility !== "ELIGIBLE") return { ok: false as const, refusal: "NOT_ELIGIBLE" as ReviewRefusal };
  return decision.decision === "APPROVE"
    ? { ok: true as const, review: "APPROVED" as const, reviewReason: null }
    : { ok: true as const, review: "REJECTED" as const, reviewReason: REJECTION_REASONS[decision.reason] };
}
