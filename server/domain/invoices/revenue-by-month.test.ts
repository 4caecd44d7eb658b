import { describe, expect, it } from "vitest";
import { periodsEnding, revenueSeries, type InvoicedAmount } from "./revenue-by-month";

const invoice = (period: string, status: InvoicedAmount["status"], total: string, credited = "0", currency = "USD"): InvoicedAmount => ({ currency, period, status, total, credited });

describe("the months of a series", () => {
  it("are the N months ending with the given one, oldest first, across a year end", () => {
    expect(periodsEnding("2026-02", 4)).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(periodsEnding("2026-02", 1)).toEqual(["2026-02"]);
    expect(periodsEnding("2026-12", 36)).toHaveLength(36);
    expect(periodsEnding("2026-12", 36)[0]).toBe("2024-01");
  });
});

describe("revenue by month", () => {
  it("sums invoiced and credited by billing period, collected by month received; empty months are zeros", () => {
    const [usd] = revenueSeries({
      endPeriod: "2026-03",
      months: 3,
      invoiced: [
        invoice("2026-01", "ISSUED", "1000.10"),
        invoice("2026-01", "PAID", "500", "100.05"),
        invoice("2026-03", "UNCOLLECTIBLE", "200"),
        invoice("2026-03", "PARTIALLY_PAID", "0.333333"),
      ],
      collected: [
        { currency: "USD", receivedOn: "2026-02-03", amount: "400" },
        { currency: "USD", receivedOn: "2026-02-28", amount: "100.05" },
        { currency: "USD", receivedOn: "2026-03-31", amount: "0.01" },
      ],
    });
    expect(usd).toEqual({
      currency: "USD",
      months: [
        { period: "2026-01", invoiced: "1500.1", credited: "100.05", net: "1400.05", collected: "0" },
        { period: "2026-02", invoiced: "0", credited: "0", net: "0", collected: "500.05" },
        { period: "2026-03", invoiced: "200.333333", credited: "0", net: "200.333333", collected: "0.01" },
      ],
      totals: { invoiced: "1700.433333", credited: "100.05", net: "1600.383333", collected: "500.06" },
    });
  });

  it("leaves out void invoices (issued in error) and drafts (not billed yet)", () => {
    const [usd] = revenueSeries({
      endPeriod: "2026-01",
      months: 1,
      invoiced: [invoice("2026-01", "ISSUED", "100"), invoice("2026-01", "VOID", "250"), invoice("2026-01", "DRAFT", "75")],
      collected: [],
    });
    expect(usd.totals).toEqual({ invoiced: "100", credited: "0", net: "100", collected: "0" });
    expect(revenueSeries({ endPeriod: "2026-01", months: 1, invoiced: [invoice("2026-01", "VOID", "250"), invoice("2026-01", "DRAFT", "75")], collected: [] })).toEqual([]);
  });

  it("ignores what falls outside the window, on either side", () => {
    const series = revenueSeries({
      endPeriod: "2026-03",
      months: 2,
      invoiced: [invoice("2026-01", "PAID", "999"), invoice("2026-04", "ISSUED", "1"), invoice("2026-02", "ISSUED", "10")],
      collected: [
        { currency: "USD", receivedOn: "2026-01-31", amount: "50" },
        { currency: "USD", receivedOn: "2026-04-01", amount: "5" },
      ],
    });
    expect(series.map((s) => s.totals)).toEqual([{ invoiced: "10", credited: "0", net: "10", collected: "0" }]);
  });

  it("counts an invoice of reversals (a negative total) against the month's revenue", () => {
    const [usd] = revenueSeries({ endPeriod: "2026-02", months: 1, invoiced: [invoice("2026-02", "ISSUED", "300"), invoice("2026-02", "ISSUED", "-45.50")], collected: [] });
    expect(usd.months[0]).toMatchObject({ invoiced: "254.5", net: "254.5" });
  });

  it("keeps currencies apart, largest net revenue first; cash for an older invoice still shows its currency", () => {
    const series = revenueSeries({
      endPeriod: "2026-03",
      months: 3,
      invoiced: [invoice("2026-02", "ISSUED", "120"), invoice("2026-02", "ISSUED", "5000", "0", "EUR"), invoice("2026-03", "PAID", "5000", "4000", "EUR")],
      collected: [
        { currency: "GBP", receivedOn: "2026-03-05", amount: "10" },
        { currency: "USD", receivedOn: "2026-03-05", amount: "120" },
      ],
    });
    expect(series.map((s) => [s.currency, s.totals.net, s.totals.collected])).toEqual([
      ["EUR", "6000", "0"],
      ["USD", "120", "120"],
      ["GBP", "0", "10"],
    ]);
    expect(series[2].months.map((m) => m.collected)).toEqual(["0", "0", "10"]);
  });
});
