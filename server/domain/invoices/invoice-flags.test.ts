import { describe, expect, it } from "vitest";
import type { DraftLine } from "../billing/draft-line";
import { invoiceFlags } from "./invoice-flags";

const cpm = (quantity: string): DraftLine => ({ key: "cpm:sports:v1:2026-10-01", kind: "CPM", lineKey: "sports", description: "", quantity, unrounded: "0", amount: "0", trace: {} as DraftLine["trace"] });
const base = { lines: [cpm("1000")], total: "1000", flags: [], currency: "USD", hasCpmLines: true, previousTotal: null };

describe("invoice flags", () => {
  it("flags a total more than 30 % away from last period's, not one exactly 30 % away", () => {
    expect(invoiceFlags({ ...base, total: "1301", previousTotal: "1000" })).toEqual([{ kind: "TOTAL_CHANGED", message: "Total 1,301.00 USD is 30 % above last period's 1,000.00 USD" }]);
    expect(invoiceFlags({ ...base, total: "1300", previousTotal: "1000" })).toEqual([]);
    expect(invoiceFlags({ ...base, total: "600", previousTotal: "1000" })).toEqual([{ kind: "TOTAL_CHANGED", message: "Total 600.00 USD is 40 % below last period's 1,000.00 USD" }]);
  });

  it("does not compare with a first period or a zero one", () => {
    expect(invoiceFlags({ ...base, total: "5000", previousTotal: null })).toEqual([]);
    expect(invoiceFlags({ ...base, total: "5000", previousTotal: "0" })).toEqual([]);
  });

  it("flags zero delivery on a contract with CPM lines, and not on a CPA-only one", () => {
    expect(invoiceFlags({ ...base, lines: [cpm("0")] }).map((f) => f.kind)).toEqual(["ZERO_DELIVERY"]);
    expect(invoiceFlags({ ...base, lines: [], hasCpmLines: false })).toEqual([]);
  });

  it("carries the pricing's flags in words", () => {
    const flags = invoiceFlags({ ...base, flags: [{ kind: "PERIOD_CAP_REACHED", lineKey: "sports", reachedOn: "2026-10-24", uncapped: "6880", billed: "5000", remainder: "1880" }] });
    expect(flags).toEqual([{ kind: "CAPPED", message: "Line “sports”: period cap reached on 2026-10-24; 6,880.00 USD delivered, 5,000.00 USD billed, 1,880.00 USD not billed." }]);
  });
});
