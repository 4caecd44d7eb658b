import { describe, expect, it } from "vitest";
import { reviewOutcome } from "./review";

describe("reviewOutcome", () => {
  const eligible = { eligibility: "ELIGIBLE" as const, billedAt: null };
  it("approves, or rejects with the reason in words", () => {
    expect(reviewOutcome(eligible, { decision: "APPROVE" })).toEqual({ ok: true, review: "APPROVED", reviewReason: null });
    expect(reviewOutcome(eligible, { decision: "REJECT", reason: "RETURNED_ORDER" })).toEqual({ ok: true, review: "REJECTED", reviewReason: "Returned order" });
  });
  it("never reviews an ineligible conversion, and locks a billed one", () => {
    expect(reviewOutcome({ eligibility: "INELIGIBLE", billedAt: null }, { decision: "APPROVE" })).toEqual({ ok: false, refusal: "NOT_ELIGIBLE" });
    expect(reviewOutcome({ ...eligible, billedAt: new Date() }, { decision: "APPROVE" })).toEqual({ ok: false, refusal: "LOCKED_BILLED" });
  });
});
