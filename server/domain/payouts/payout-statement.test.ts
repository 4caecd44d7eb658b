import { describe, expect, it } from "vitest";
import { isRedraftable, payoutTransition } from "./payout-statement";

describe("payout statement transitions", () => {
  it("goes DRAFT → APPROVED → PAID", () => {
    expect(payoutTransition("DRAFT", "APPROVE")).toEqual({ ok: true, to: "APPROVED" });
    expect(payoutTransition("APPROVED", "MARK_PAID")).toEqual({ ok: true, to: "PAID" });
  });

  it("refuses every other move with a reason", () => {
    expect(payoutTransition("APPROVED", "APPROVE")).toEqual({ ok: false, message: "This statement is already approved" });
    expect(payoutTransition("PAID", "APPROVE")).toEqual({ ok: false, message: "This statement is already paid" });
    expect(payoutTransition("DRAFT", "MARK_PAID")).toEqual({ ok: false, message: "Approve the statement before marking it paid" });
    expect(payoutTransition("PAID", "MARK_PAID")).toEqual({ ok: false, message: "This statement is already paid" });
  });

  it("lets a redraft replace drafts only", () => {
    expect([isRedraftable("DRAFT"), isRedraftable("APPROVED"), isRedraftable("PAID")]).toEqual([true, false, false]);
  });
});
