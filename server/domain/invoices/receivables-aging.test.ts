import { describe, expect, it } from "vitest";
import { ageReceivables, agingBucketOf, daysPastDue } from "./receivables-aging";

describe("days past due", () => {
  it("is 0 on the due date, negative before it, and counts calendar days after it", () => {
    expect(daysPastDue("2026-03-31", "2026-03-31")).toBe(0);
    expect(daysPastDue("2026-04-15", "2026-03-31")).toBe(-15);
    expect(daysPastDue("2026-03-30", "2026-03-31")).toBe(1);
    expect(daysPastDue("2025-12-31", "2026-03-31")).toBe(90);
  });

  it("counts a leap day", () => {
    expect(daysPastDue("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysPastDue("2027-02-28", "2027-03-01")).toBe(1);
  });
});

describe("the buckets, at their day boundaries", () => {
  it.each([
    [-15, "NOT_DUE"],
    [0, "NOT_DUE"],
    [1, "DAYS_1_30"],
    [30, "DAYS_1_30"],
    [31, "DAYS_31_60"],
    [60, "DAYS_31_60"],
    [61, "DAYS_61_90"],
    [90, "DAYS_61_90"],
    [91, "OVER_90"],
    [400, "OVER_90"],
  ] as const)("%i days late → %s", (days, bucket) => {
    expect(agingBucketOf(days)).toBe(bucket);
  });

  it.each([
    ["2026-03-31", "Not yet due", "due today"],
    ["2026-03-30", "1–30 days", "1 day late"],
    ["2026-03-01", "1–30 days", "30 days late"],
    ["2026-02-28", "31–60 days", "31 days late"],
    ["2026-01-30", "31–60 days", "60 days late"],
    ["2026-01-29", "61–90 days", "61 days late"],
    ["2025-12-31", "61–90 days", "90 days late"],
    ["2025-12-30", "Over 90 days", "91 days late"],
  ])("an invoice due %s, as of 2026-03-31, is in %s (%s)", (dueDate, label) => {
    const [usd] = ageReceivables([{ currency: "USD", dueDate, balanceDue: "10" }], "2026-03-31");
    expect(usd.buckets.filter((b) => b.invoices > 0).map((b) => b.label)).toEqual([label]);
  });
});

describe("aging a book of receivables", () => {
  const asOf = "2026-03-31";

  it("sums exact amounts and counts per bucket, with totals and the overdue part", () => {
    const [usd] = ageReceivables(
      [
        { currency: "USD", dueDate: "2026-04-30", balanceDue: "1000.10" },
        { currency: "USD", dueDate: "2026-03-31", balanceDue: "0.20" },
        { currency: "USD", dueDate: "2026-03-15", balanceDue: "333.333333" },
        { currency: "USD", dueDate: "2026-03-20", balanceDue: "0.1" },
        { currency: "USD", dueDate: "2026-02-01", balanceDue: "250" },
        { currency: "USD", dueDate: "2025-11-01", balanceDue: "99.99" },
      ],
      asOf,
    );
    expect(usd).toEqual({
      currency: "USD",
      buckets: [
        { key: "NOT_DUE", label: "Not yet due", amount: "1000.3", invoices: 2 },
        { key: "DAYS_1_30", label: "1–30 days", amount: "333.433333", invoices: 2 },
        { key: "DAYS_31_60", label: "31–60 days", amount: "250", invoices: 1 },
        { key: "DAYS_61_90", label: "61–90 days", amount: "0", invoices: 0 },
        { key: "OVER_90", label: "Over 90 days", amount: "99.99", invoices: 1 },
      ],
      total: { amount: "1683.723333", invoices: 6 },
      overdue: { amount: "683.423333", invoices: 4 },
    });
  });

  it("keeps currencies apart, largest book first", () => {
    const agings = ageReceivables(
      [
        { currency: "EUR", dueDate: "2026-03-01", balanceDue: "500" },
        { currency: "USD", dueDate: "2026-03-01", balanceDue: "20" },
        { currency: "EUR", dueDate: "2026-04-01", balanceDue: "0.5" },
        { currency: "JPY", dueDate: "2026-01-01", balanceDue: "500" },
      ],
      asOf,
    );
    expect(agings.map((a) => [a.currency, a.total.amount, a.overdue.amount])).toEqual([
      ["EUR", "500.5", "500"],
      ["JPY", "500", "500"],
      ["USD", "20", "20"],
    ]);
  });

  it("takes groups of invoices due the same day, as a database aggregate returns them", () => {
    const [usd] = ageReceivables([{ currency: "USD", dueDate: "2026-03-01", balanceDue: "3000.03", invoices: 3 }], asOf);
    expect(usd.buckets[1]).toEqual({ key: "DAYS_1_30", label: "1–30 days", amount: "3000.03", invoices: 3 });
    expect(usd.total).toEqual({ amount: "3000.03", invoices: 3 });
  });

  it("leaves out what nobody owes: zero and credit balances", () => {
    expect(ageReceivables([{ currency: "USD", dueDate: "2026-03-01", balanceDue: "0" }, { currency: "USD", dueDate: "2026-03-01", balanceDue: "-5" }], asOf)).toEqual([]);
    expect(ageReceivables([], asOf)).toEqual([]);
  });
});
