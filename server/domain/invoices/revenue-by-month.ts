// Revenue month by month, per currency, over a continuous run of billing periods (a month with nothing in it is a
// zero, not a gap). Invoiced and credited are counted by the invoice's billing period, so a credit note corrects
// the month it corrects; collected is cash, counted in the month it was received.
import { periodOf, shiftPeriod } from "../billing/billing-period";
import type { IsoDate } from "../contracts/terms";
import { Dec } from "../money";
import type { InvoiceStatus } from "./invoice-lifecycle";

/** Invoices that count as billed: issued, whatever happened since, except void (issued in error). */
export const REVENUE_STATUSES = ["ISSUED", "PARTIALLY_PAID", "PAID", "UNCOLLECTIBLE"] as const satisfies readonly InvoiceStatus[];

const countsAsRevenue = (status: InvoiceStatus) => (REVENUE_STATUSES as readonly InvoiceStatus[]).includes(status);

/** The `months` billing periods ending with `endPeriod`, oldest first. */
export const periodsEnding = (endPeriod: string, months: number): string[] => Array.from({ length: months }, (_, i) => shiftPeriod(endPeriod, i - months + 1));

export interface InvoicedAmount {
  currency: string;
  period: string;
  status: InvoiceStatus;
  /** The invoice's total, or the sum over a group of invoices (a database aggregate). */
  total: string;
  /** Σ credit notes issued against it (or them). */
  credited: string;
}

export interface CollectedAmount {
  currency: string;
  receivedOn: IsoDate;
  amount: string;
}

export interface RevenueFigures {
  invoiced: string;
  credited: string;
  /** invoiced − credited. */
  net: string;
  collected: string;
}

export interface CurrencyRevenue {
  currency: string;
  months: (RevenueFigures & { period: string })[];
  totals: RevenueFigures;
}

interface Sums {
  invoiced: Dec;
  credited: Dec;
  collected: Dec;
}

const zero = (): Sums => ({ invoiced: new Dec(0), credited: new Dec(0), collected: new Dec(0) });
const figures = (s: Sums): RevenueFigures => ({ invoiced: s.invoiced.toFixed(), credited: s.credited.toFixed(), net: s.invoiced.minus(s.credited).toFixed(), collected: s.collected.toFixed() });

/**
 * One series per currency that has anything in the window; largest net revenue first (ties by currency code), so
 * a view showing one currency starts with the one that matters most. Amounts outside the window are ignored.
 */
export function revenueSeries(input: { endPeriod: string; months: number; invoiced: InvoicedAmount[]; collected: CollectedAmount[] }): CurrencyRevenue[] {
  const periods = periodsEnding(input.endPeriod, input.months);
  const inWindow = new Set(periods);
  const byCurrency = new Map<string, Map<string, Sums>>();
  const sumsFor = (currency: string, period: string) => {
    const months = byCurrency.get(currency) ?? new Map<string, Sums>();
    byCurrency.set(currency, months);
    const sums = months.get(period) ?? zero();
    months.set(period, sums);
    return sums;
  };

  for (const i of input.invoiced) {
    if (!countsAsRevenue(i.status) || !inWindow.has(i.period)) continue;
    const sums = sumsFor(i.currency, i.period);
    sums.invoiced = sums.invoiced.plus(i.total);
    sums.credited = sums.credited.plus(i.credited);
  }
  for (const c of input.collected) {
    const period = periodOf(c.receivedOn);
    if (!inWindow.has(period)) continue;
    const sums = sumsFor(c.currency, period);
    sums.collected = sums.collected.plus(c.amount);
  }

  const series = [...byCurrency].map(([currency, months]) => {
    const filled = periods.map((period) => ({ period, sums: months.get(period) ?? zero() }));
    const totals = filled.reduce((t, { sums }) => ({ invoiced: t.invoiced.plus(sums.invoiced), credited: t.credited.plus(sums.credited), collected: t.collected.plus(sums.collected) }), zero());
    return { currency, net: totals.invoiced.minus(totals.credited), revenue: { currency, months: filled.map(({ period, sums }) => ({ period, ...figures(sums) })), totals: figures(totals) } };
  });
  return series.sort((a, b) => b.net.comparedTo(a.net) || a.currency.localeCompare(b.currency)).map((s) => s.revenue);
}
