import { describe, expect, it } from "vitest";
import { balanceDueOf, canIssue, canVoid, creditNoteNumber, creditOutcome, dueDateOf, invoiceNumber, paymentOutcome, refundDueOf, refundOutcome } from "./invoice-lifecycle";

describe("invoice lifecycle", () => {
  it("issues drafts only", () => {
    expect(canIssue("DRAFT")).toEqual({ ok: true });
    expect(canIssue("ISSUED")).toEqual({ ok: false, message: "This invoice is already issued" });
    expect(canIssue("PAID")).toEqual({ ok: false, message: "This invoice is already issued" });
    expect(canIssue("VOID")).toEqual({ ok: false, message: "This invoice is void" });
  });

  it("numbers invoices per year, six digits", () => {
    expect(invoiceNumber(2026, 123)).toBe("INV-2026-000123");
    expect(invoiceNumber(2027, 1)).toBe("INV-2027-000001");
  });

  it("is due its payment terms after the day of issue", () => {
    expect(dueDateOf("2026-12-02", 30)).toBe("2027-01-01");
    expect(dueDateOf("2026-02-15", 14)).toBe("2026-03-01");
  });
});

describe("payments and void", () => {
  const issued = { status: "ISSUED" as const, total: "1000", paid: "0", credited: "0", refunded: "0" };

  it("a part payment leaves it partially paid; the rest pays it", () => {
    expect(paymentOutcome(issued, "400")).toEqual({ ok: true, status: "PARTIALLY_PAID", paid: "400" });
    expect(paymentOutcome({ ...issued, status: "PARTIALLY_PAID", paid: "400" }, "600")).toEqual({ ok: true, status: "PAID", paid: "1000" });
  });

  it("refuses more than the balance due, and payments on drafts or paid invoices", () => {
    expect(paymentOutcome({ ...issued, paid: "999.99" }, "0.02")).toEqual({ ok: false, message: "More than the balance due (0.01)" });
    expect(paymentOutcome({ ...issued, status: "DRAFT" }, "1")).toEqual({ ok: false, message: "Issue the invoice before recording a payment" });
    expect(paymentOutcome({ ...issued, status: "PAID", paid: "1000" }, "1")).toEqual({ ok: false, message: "This invoice is paid" });
  });

  it("voids an issued invoice nothing was paid on", () => {
    expect(canVoid(issued)).toEqual({ ok: true });
    expect(canVoid({ ...issued, paid: "1" })).toEqual({ ok: false, message: "Payments were recorded on it: credit it instead" });
    expect(canVoid({ ...issued, status: "DRAFT" })).toEqual({ ok: false, message: "A draft is not voided: a billing run replaces it" });
    expect(canVoid({ ...issued, status: "VOID" })).toEqual({ ok: false, message: "This invoice is void" });
  });
});

describe("credit notes", () => {
  const issued = { status: "ISSUED" as const, total: "1000", paid: "0", credited: "0", refunded: "0" };

  it("credits part or all of an issued invoice, never more than what remains creditable", () => {
    expect(creditOutcome(issued, "250")).toEqual({ ok: true, credited: "250" });
    expect(creditOutcome({ ...issued, credited: "250" }, "750")).toEqual({ ok: true, credited: "1000" });
    expect(creditOutcome({ ...issued, credited: "250" }, "750.01")).toEqual({ ok: false, message: "More than what remains creditable (750)" });
    expect(creditOutcome({ ...issued, status: "DRAFT" }, "1")).toMatchObject({ ok: false });
  });

  it("a credit lowers the balance due, and a payment of the rest pays the invoice", () => {
    expect(paymentOutcome({ ...issued, credited: "300" }, "700")).toEqual({ ok: true, status: "PAID", paid: "700" });
    expect(paymentOutcome({ ...issued, credited: "300" }, "700.01")).toEqual({ ok: false, message: "More than the balance due (700)" });
  });

  it("numbers credit notes per year", () => {
    expect(creditNoteNumber(2026, 45)).toBe("CN-2026-000045");
  });
});

describe("refunds", () => {
  // Paid in full, then 300 credited: 300 is owed back.
  const overpaid = { status: "PAID" as const, total: "1000", paid: "1000", credited: "300", refunded: "0" };

  it("owes back what was paid beyond what the invoice asks after its credits, and nothing otherwise", () => {
    expect(refundDueOf(overpaid).toFixed()).toBe("300");
    expect(refundDueOf({ ...overpaid, refunded: "120" }).toFixed()).toBe("180");
    expect(refundDueOf({ ...overpaid, paid: "600" }).toFixed()).toBe("0");
    expect(balanceDueOf({ ...overpaid, refunded: "300" }).toFixed()).toBe("0");
  });

  it("refunds up to what is owed back, in parts", () => {
    expect(refundOutcome(overpaid, "120")).toEqual({ ok: true, refunded: "120" });
    expect(refundOutcome({ ...overpaid, refunded: "120" }, "180")).toEqual({ ok: true, refunded: "300" });
    expect(refundOutcome({ ...overpaid, refunded: "120" }, "180.01")).toEqual({ ok: false, message: "More than is owed back (180)" });
  });

  it("refuses a refund where nothing is owed back, on a draft or on a void invoice", () => {
    expect(refundOutcome({ ...overpaid, credited: "0" }, "1")).toEqual({ ok: false, message: "Nothing is owed back on it: the advertiser has not paid more than it asks" });
    expect(refundOutcome({ ...overpaid, status: "DRAFT" }, "1")).toMatchObject({ ok: false, message: "Issue the invoice first" });
    expect(refundOutcome({ ...overpaid, status: "VOID" }, "1")).toMatchObject({ ok: false, message: "This invoice is void" });
  });
});
