import { describe, expect, it } from "vitest";
import { committedValue, monthsInTerm } from "./committed-value";
import { ZContractTerms, type ContractTermsInput } from "./terms";

const year2026 = { start: "2026-01-01", end: "2026-12-31" };
const value = (input: ContractTermsInput, term = year2026) => committedValue(ZContractTerms.parse(input), term).toString();

const monthlyFee = (amount: string, dates: { startDate?: string; endDate?: string } = {}) => ({ key: `fee-${amount.replace(".", "-")}`, name: `Fee ${amount}`, amount, frequency: "MONTHLY" as const, ...dates });
const oneOffFee = (amount: string) => ({ key: `setup-${amount.replace(".", "-")}`, name: "Setup", amount, frequency: "ONE_OFF" as const });
const cpmLine = (key: string, extra: Record<string, unknown>) => ({ key, name: key, inventoryType: "CTV", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12" } }, ...extra }) as never;

describe("monthsInTerm", () => {
  it.each([
    ["a calendar year", "2026-01-01", "2026-12-31", "12"],
    ["a half year", "2026-01-01", "2026-06-30", "6"],
    ["Jan 1 – Mar 15: two months and 15 of March's 31 days", "2026-01-01", "2026-03-15", "2.483870967741935483870967741935483870968"],
    ["a month counted from mid-month", "2026-01-15", "2026-02-14", "1"],
    ["Apr 1 – Jun 15: two months and half of June", "2026-04-01", "2026-06-15", "2.5"],
    ["half of February (14 of 28 days)", "2026-02-01", "2026-02-14", "0.5"],
    ["a single day of March", "2026-03-01", "2026-03-01", "0.03225806451612903225806451612903225806452"],
    ["a year starting on the 31st (months keep their anniversary day)", "2026-01-31", "2027-01-30", "12"],
    ["a year starting on Feb 29", "2028-02-29", "2029-02-27", "12"],
    ["an empty range (end before start)", "2026-03-10", "2026-03-09", "0"],
  ])("%s: %s to %s = %s", (_, start, end, months) => {
    expect(monthsInTerm(start, end).toString()).toBe(months);
  });
});

describe("committedValue", () => {
  it("is zero for terms without fees, commitments or budgets", () => {
    expect(value({ cpmLines: [cpmLine("sports", {})] })).toBe("0");
  });

  it("counts a monthly fee for every month of a full year: 1,000 × 12 = 12,000", () => {
    expect(value({ recurringFees: [monthlyFee("1000")] })).toBe("12000");
  });

  it("counts a monthly fee by day in a partial month: 1,000 × (2 + 15/31)", () => {
    expect(value({ recurringFees: [monthlyFee("1000")] }, { start: "2026-01-01", end: "2026-03-15" })).toBe("2483.870967741935483870967741935483870968");
  });

  it("counts a fee only between its own start and end dates: 500 × 2.5 months = 1,250", () => {
    expect(value({ recurringFees: [monthlyFee("500", { startDate: "2026-04-01", endDate: "2026-06-15" })] })).toBe("1250");
  });

  it("clips a fee's dates to the term", () => {
    expect(value({ recurringFees: [monthlyFee("500", { startDate: "2025-07-01", endDate: "2027-06-30" })] })).toBe("6000");
    expect(value({ recurringFees: [monthlyFee("500", { startDate: "2027-01-01" })] })).toBe("0");
  });

  it("counts a one-off fee once, however long the term", () => {
    expect(value({ recurringFees: [oneOffFee("5000")] })).toBe("5000");
    expect(value({ recurringFees: [oneOffFee("5000")] }, { start: "2026-01-01", end: "2028-12-31" })).toBe("5000");
  });

  it("counts a monthly minimum commitment per month: 2,000 × 12 = 24,000", () => {
    expect(value({ cpmLines: [cpmLine("sports", { minimumCommitment: { amount: "2000", period: "MONTHLY" } })] })).toBe("24000");
  });

  it("counts a quarterly minimum commitment per quarter: 6,000 × 4 = 24,000; over a half year 6,000 × 2", () => {
    const terms = { cpmLines: [cpmLine("sports", { minimumCommitment: { amount: "6000", period: "QUARTERLY" } })] };
    expect(value(terms)).toBe("24000");
    expect(value(terms, { start: "2026-01-01", end: "2026-06-30" })).toBe("12000");
  });

  it("counts a term minimum commitment once", () => {
    expect(value({ cpmLines: [cpmLine("sports", { minimumCommitment: { amount: "50000", period: "TERM" } })] })).toBe("50000");
  });

  it("adds fees and commitments of every line: 12,000 + 5,000 + 24,000 + 30,000", () => {
    const terms = {
      recurringFees: [monthlyFee("1000"), oneOffFee("5000")],
      cpmLines: [cpmLine("sports", { minimumCommitment: { amount: "2000", period: "MONTHLY" } }), cpmLine("news", { minimumCommitment: { amount: "30000", period: "TERM" } })],
    };
    expect(value(terms)).toBe("71000");
  });

  it("takes the lifetime budgets instead when they are larger: budgets 60,000 + 50,000 over fees 12,000", () => {
    const terms = { recurringFees: [monthlyFee("1000")], cpmLines: [cpmLine("sports", { lifetimeBudget: "60000" }), cpmLine("news", { lifetimeBudget: "50000" })] };
    expect(value(terms)).toBe("110000");
  });

  it("keeps fees and commitments when they exceed the budgets: 12,000 + 24,000 over a 30,000 budget", () => {
    const terms = { recurringFees: [monthlyFee("1000")], cpmLines: [cpmLine("sports", { lifetimeBudget: "30000", minimumCommitment: { amount: "2000", period: "MONTHLY" } })] };
    expect(value(terms)).toBe("36000");
  });

  it("computes exactly, never in binary floating point: 0.1 × 3 months + 0.2 once = 0.5", () => {
    expect(value({ recurringFees: [monthlyFee("0.1"), oneOffFee("0.2")] }, { start: "2026-01-01", end: "2026-03-31" })).toBe("0.5");
  });
});
