// Finance reports on a real database, over invoices issued, paid, credited and voided by the same procedures the
// pages call: exact sums per currency, void invoices and drafts left out, cash counted in the month it came in,
// aging counted to the day; only finance and admins may read them, through the invoice scope.
import { beforeAll, describe, expect, it } from "vitest";
import { periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { todayIso } from "../../domain/contracts/dates";
import { fromToday, platformFee, useContractWorld } from "../../testing/contracts";
import { insertUser, userActor } from "../../testing/fixtures";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "./draft-contract-invoice";
import { receivablesAging, revenueByMonth } from "./invoice-reports";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
const thisMonth = periodOf(todayIso());
const lastMonth = shiftPeriod(thisMonth, -1);
const twoMonthsAgo = shiftPeriod(thisMonth, -2);

/** A contract with a monthly fee, its term covering the months drafted in full (so the fee is not prorated). */
async function contractWithFee(fee: string, header: { advertiserId?: string; currency?: string; paymentTermsDays?: number } = {}) {
  const { contract } = await active({ advertiserId: header.advertiserId, header: { currency: header.currency ?? "USD", paymentTermsDays: header.paymentTermsDays ?? 30, termStart: fromToday(-200) }, terms: { recurringFees: [platformFee(fee)] } });
  const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
  return {
    draft: async (period: string) => (await draftContractInvoice(t.db, withTerms, period)).invoiceId,
    issue: async (period: string) => (await as(cast.finance).invoices.issue({ id: (await draftContractInvoice(t.db, withTerms, period)).invoiceId })).id,
  };
}

const today = fromToday(0);
const pay = (id: string, amount: string) => as(cast.finance).invoices.recordPayment({ id, amount, receivedOn: today, reference: `WIRE-${amount}` });
const credit = (id: string, amount: string) => as(cast.finance).invoices.credit({ id, amount, reason: "BILLING_ERROR", note: "Wrong fee applied" });

beforeAll(async () => {
  // USD. Acme: 1,000.10 a month, billed two months ago (400 paid today) and last month (100.10 credited).
  const acme = await contractWithFee("1000.10");
  await pay(await acme.issue(twoMonthsAgo), "400");
  await credit(await acme.issue(lastMonth), "100.10");
  // Globex: one issued and voided, one credited in full (issued, owing nothing), one due in 60 days.
  await as(cast.finance).invoices.void({ id: await (await contractWithFee("250.05", { advertiserId: cast.globex.id })).issue(lastMonth), reason: "Issued to the wrong entity" });
  await credit(await (await contractWithFee("50", { advertiserId: cast.globex.id, paymentTermsDays: 0 })).issue(lastMonth), "50");
  await (await contractWithFee("20.02", { advertiserId: cast.globex.id, paymentTermsDays: 60 })).issue(lastMonth);
  // A draft is not billed yet.
  await (await contractWithFee("75")).draft(lastMonth);
  // EUR. Acme pays in full; Globex's is due today.
  await pay(await (await contractWithFee("300", { currency: "EUR" })).issue(lastMonth), "300");
  await (await contractWithFee("75.5", { advertiserId: cast.globex.id, currency: "EUR", paymentTermsDays: 0 })).issue(lastMonth);
});

describe("revenue by month", () => {
  it("sums issued invoices by billing period and cash by month received, exactly, per currency; void and drafts left out", async () => {
    const report = await as(cast.finance).reports.revenueByMonth({ months: 3 });
    expect(report.endPeriod).toBe(thisMonth);
    expect(report.currencies).toEqual([
      {
        currency: "USD",
        months: [
          { period: twoMonthsAgo, invoiced: "1000.1", credited: "0", net: "1000.1", collected: "0" },
          { period: lastMonth, invoiced: "1070.12", credited: "150.1", net: "920.02", collected: "0" },
          { period: thisMonth, invoiced: "0", credited: "0", net: "0", collected: "400" },
        ],
        totals: { invoiced: "2070.22", credited: "150.1", net: "1920.12", collected: "400" },
      },
      {
        currency: "EUR",
        months: [
          { period: twoMonthsAgo, invoiced: "0", credited: "0", net: "0", collected: "0" },
          { period: lastMonth, invoiced: "375.5", credited: "0", net: "375.5", collected: "0" },
          { period: thisMonth, invoiced: "0", credited: "0", net: "0", collected: "300" },
        ],
        totals: { invoiced: "375.5", credited: "0", net: "375.5", collected: "300" },
      },
    ]);
  });

  it("defaults to 12 months ending this month, and takes another end", async () => {
    const report = await as(cast.finance).reports.revenueByMonth({});
    expect(report.currencies[0].months.map((m) => m.period)).toEqual(Array.from({ length: 12 }, (_, i) => shiftPeriod(thisMonth, i - 11)));
    const earlier = await as(cast.finance).reports.revenueByMonth({ months: 1, endPeriod: twoMonthsAgo });
    expect(earlier.currencies.map((c) => [c.currency, c.totals])).toEqual([["USD", { invoiced: "1000.1", credited: "0", net: "1000.1", collected: "0" }]]);
  });

  it("refuses a window outside 1–36 months or a malformed month", async () => {
    for (const input of [{ months: 0 }, { months: 37 }, { endPeriod: "2026-13" }]) {
      expect(clientErrorOf(await rejectionOf(as(cast.finance).reports.revenueByMonth(input))).data.appCode).toBe("VALIDATION_FAILED");
    }
  });

  it("reads through the invoice scope: an advertiser actor would see only its own", async () => {
    const report = await revenueByMonth(t.db, cast.acmeUser, { months: 3 });
    expect(report.currencies.map((c) => [c.currency, c.totals])).toEqual([
      ["USD", { invoiced: "2000.2", credited: "100.1", net: "1900.1", collected: "400" }],
      ["EUR", { invoiced: "300", credited: "0", net: "300", collected: "300" }],
    ]);
  });
});

describe("receivables aging", () => {
  const agingAt = async (asOf?: string) =>
    (await as(cast.finance).reports.receivablesAging(asOf ? { asOf } : {})).currencies.map((c) => ({
      currency: c.currency,
      buckets: Object.fromEntries(c.buckets.filter((b) => b.invoices > 0).map((b) => [b.label, `${b.amount} (${b.invoices})`])),
      total: c.total,
    }));

  it("ages what is still owed, today by default: paid, fully credited, void and draft invoices owe nothing", async () => {
    expect((await as(cast.finance).reports.receivablesAging({})).asOf).toBe(today);
    expect(await agingAt()).toEqual([
      { currency: "USD", buckets: { "Not yet due": "1520.12 (3)" }, total: { amount: "1520.12", invoices: 3 } },
      { currency: "EUR", buckets: { "Not yet due": "75.5 (1)" }, total: { amount: "75.5", invoices: 1 } },
    ]);
  });

  it("moves invoices along the buckets day by day after their due date", async () => {
    // Acme's two USD invoices are due in 30 days, Globex's USD one in 60, Globex's EUR one today.
    expect(await agingAt(fromToday(30))).toMatchObject([{ buckets: { "Not yet due": "1520.12 (3)" } }, { buckets: { "1–30 days": "75.5 (1)" } }]);
    expect(await agingAt(fromToday(31))).toMatchObject([{ buckets: { "Not yet due": "20.02 (1)", "1–30 days": "1500.1 (2)" } }, { buckets: { "31–60 days": "75.5 (1)" } }]);
    expect(await agingAt(fromToday(90))).toMatchObject([{ buckets: { "1–30 days": "20.02 (1)", "31–60 days": "1500.1 (2)" } }, { buckets: { "61–90 days": "75.5 (1)" } }]);
    expect(await agingAt(fromToday(91))).toMatchObject([{ buckets: { "31–60 days": "20.02 (1)", "61–90 days": "1500.1 (2)" } }, { buckets: { "Over 90 days": "75.5 (1)" } }]);
  });

  it("returns every bucket with the overdue part", async () => {
    const [usd] = (await as(cast.finance).reports.receivablesAging({ asOf: fromToday(31) })).currencies;
    expect(usd.buckets.map((b) => [b.key, b.amount])).toEqual([
      ["NOT_DUE", "20.02"],
      ["DAYS_1_30", "1500.1"],
      ["DAYS_31_60", "0"],
      ["DAYS_61_90", "0"],
      ["OVER_90", "0"],
    ]);
    expect(usd.overdue).toEqual({ amount: "1500.1", invoices: 2 });
  });

  it("reads through the invoice scope: an advertiser actor would see only its own", async () => {
    const aging = await receivablesAging(t.db, cast.acmeUser, {});
    expect(aging.currencies.map((c) => [c.currency, c.total])).toEqual([["USD", { amount: "1500.1", invoices: 2 }]]);
  });
});

describe("who may read the reports", () => {
  it("finance and admins; not ops, not advertisers", async () => {
    const admin = userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" }));
    expect((await as(admin).reports.receivablesAging({})).currencies).toHaveLength(2);
    expect((await as(admin).reports.revenueByMonth({})).currencies).toHaveLength(2);
    for (const actor of [cast.ops, cast.acmeUser]) {
      expect((await rejectionOf(as(actor).reports.revenueByMonth({}))).code).toBe("FORBIDDEN");
      expect((await rejectionOf(as(actor).reports.receivablesAging({}))).code).toBe("FORBIDDEN");
    }
  });
});
