import { describe, expect, it } from "vitest";
import { canIssue, dueDateOf, invoiceNumber } from "./invoice-lifecycle";

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
