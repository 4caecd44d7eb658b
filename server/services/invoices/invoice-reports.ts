// Finance reports over invoices: revenue month by month and receivables aging. Both read through the one scoped
// builder (invoice-scope.ts) and let the database sum: grouped rows come back (per currency and month, or per
// currency and due date), never one row per invoice. The rules live in the pure domain functions they feed.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { periodBounds, periodOf, ZBillingPeriod } from "../../domain/billing/billing-period";
import { fromIsoDate, todayIso, toIsoDate } from "../../domain/contracts/dates";
import { ZIsoDate } from "../../domain/contracts/terms";
import { ageReceivables } from "../../domain/invoices/receivables-aging";
import { periodsEnding, REVENUE_STATUSES, revenueSeries } from "../../domain/invoices/revenue-by-month";
import { Dec } from "../../domain/money";
import { invoiceWhere } from "./invoice-scope";

export const ZRevenueByMonthRequestSchema = z.object({
  // Coerced: a REST caller sends it in the query string.
  months: z.coerce.number().int("Whole months").min(1, "At least 1 month").max(36, "At most 36 months").default(12),
  /** The last month shown; the current month (UTC) when omitted. */
  endPeriod: ZBillingPeriod.optional(),
});

export const ZReceivablesAgingRequestSchema = z.object({
  /** The day lateness is counted to; today (UTC) when omitted. */
  asOf: ZIsoDate.optional(),
});

/** A database sum as an exact string (arithmetic on it happens in Dec, at Tally's precision, not Prisma's). */
const sumOf = (value: { toFixed(): string } | null) => value?.toFixed() ?? "0";

export async function revenueByMonth(db: Db, actor: Actor, input: z.infer<typeof ZRevenueByMonthRequestSchema>) {
  const endPeriod = input.endPeriod ?? periodOf(todayIso());
  const [firstPeriod] = periodsEnding(endPeriod, input.months);
  const [invoiced, payingCurrencies] = await Promise.all([
    db.invoice.groupBy({
      by: ["currency", "period", "status"],
      where: invoiceWhere(actor, { status: { in: [...REVENUE_STATUSES] }, period: { gte: firstPeriod, lte: endPeriod } }),
      _sum: { total: true, credited: true },
    }),
    db.invoice.groupBy({ by: ["currency"], where: invoiceWhere(actor, { paid: { gt: 0 } }) }),
  ]);
  // A payment's currency is its invoice's: Prisma cannot group by a relation's column, so one grouped query per
  // currency anyone has paid in (a handful), each summing that currency's payments per day received, less the
  // refunds sent back per day (cash collected is what was kept).
  const received = { gte: fromIsoDate(`${firstPeriod}-01`), lte: fromIsoDate(periodBounds(endPeriod).to) };
  const collected = await Promise.all(
    payingCurrencies.map(async ({ currency }) => {
      const invoice = invoiceWhere(actor, { currency });
      const [payments, refunds] = await Promise.all([
        db.invoicePayment.groupBy({ by: ["receivedOn"], where: { receivedOn: received, invoice }, _sum: { amount: true } }),
        db.invoiceRefund.groupBy({ by: ["paidOn"], where: { paidOn: received, invoice }, _sum: { amount: true } }),
      ]);
      return [
        ...payments.map((d) => ({ currency, receivedOn: toIsoDate(d.receivedOn), amount: sumOf(d._sum.amount) })),
        ...refunds.map((d) => ({ currency, receivedOn: toIsoDate(d.paidOn), amount: new Dec(sumOf(d._sum.amount)).negated().toFixed() })),
      ];
    }),
  );
  const currencies = revenueSeries({
    endPeriod,
    months: input.months,
    invoiced: invoiced.map((g) => ({ currency: g.currency, period: g.period, status: g.status, total: sumOf(g._sum.total), credited: sumOf(g._sum.credited) })),
    collected: collected.flat(),
  });
  return { endPeriod, months: input.months, currencies };
}

export async function receivablesAging(db: Db, actor: Actor, input: z.infer<typeof ZReceivablesAgingRequestSchema>) {
  const asOf = input.asOf ?? todayIso();
  // Open = something is still owed. By the state machine an ISSUED invoice has no payments (the first one makes it
  // partially paid) and a PARTIALLY_PAID one always owes a part; so the only issued invoices owing nothing are those
  // credited in full (or with a total of zero or less), left out here. Every group's Σ(total − paid − credited) is
  // then the exact sum of its invoices' balances.
  const groups = await db.invoice.groupBy({
    by: ["currency", "dueDate"],
    where: invoiceWhere(actor, { dueDate: { not: null }, OR: [{ status: "PARTIALLY_PAID" }, { status: "ISSUED", credited: { lt: db.invoice.fields.total } }] }),
    _sum: { total: true, paid: true, credited: true },
    _count: { _all: true },
  });
  const receivables = groups.map((g) => ({
    currency: g.currency,
    dueDate: toIsoDate(g.dueDate!),
    balanceDue: new Dec(sumOf(g._sum.total)).minus(sumOf(g._sum.paid)).minus(sumOf(g._sum.credited)).toFixed(),
    invoices: g._count._all,
  }));
  return { asOf, currencies: ageReceivables(receivables, asOf) };
}
