"use client";
// Revenue month by month, one currency at a time (amounts in different currencies cannot share an axis): net
// invoiced as bars, cash collected as a line. A picture only: the table under it has the exact figures, and the
// tooltip reads them from the same strings.
import { useId, useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { periodLabel, shiftPeriod } from "@/server/domain/billing/billing-period";
import type { CurrencyRevenue, RevenueFigures } from "@/server/domain/invoices/revenue-by-month";
import { Dec } from "@/server/domain/money";
// formatRate: every decimal an amount has, padded to the minor unit; a payment may carry more decimals than an
// invoice, and a report that rounds them would not add up.
import { formatRate as exactMoney } from "../contracts/format";
import { Card, CardBody, CardHeader, EmptyState, Select, Table, TBody, TD, TH, THead, TR } from "../ui";

const SERIES = { net: "Net invoiced", collected: "Collected" } as const;
type SeriesKey = keyof typeof SERIES;

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const shortMonth = (period: string) => new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));

/** The currency shown, among those the report has (amounts in different currencies never share an axis). */
export function CurrencySelect({ currencies, value, onChange }: { currencies: string[]; value: string; onChange: (currency: string) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Currency
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className="h-8 w-24">
        {currencies.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </Select>
    </div>
  );
}

/** `currencies` as the report orders them, largest first: the first is shown until another is chosen. */
export function RevenueChart({ currencies, endPeriod, months }: { currencies: CurrencyRevenue[]; endPeriod: string; months: number }) {
  const captionId = useId();
  const [chosen, setChosen] = useState(currencies[0]?.currency ?? "");
  const current = currencies.find((c) => c.currency === chosen) ?? currencies[0];
  const range = `${periodLabel(shiftPeriod(endPeriod, 1 - months))} – ${periodLabel(endPeriod)}`;
  return (
    <Card>
      <CardHeader
        title="Revenue by month"
        description="Issued invoices less credit notes, by billing month; cash collected, by month received."
        actions={currencies.length > 1 && current && <CurrencySelect currencies={currencies.map((c) => c.currency)} value={current.currency} onChange={setChosen} />}
      />
      {!current ? (
        <EmptyState title="No issued invoices yet" description={`Revenue appears here once invoices for ${range} are issued.`} />
      ) : (
        <CardBody>
          <figure aria-labelledby={captionId} className="space-y-3">
            <figcaption id={captionId} className="text-sm text-slate-600">
              {`Net invoiced and collected in ${current.currency}, ${range}: ${exactMoney(current.totals.net, current.currency)} invoiced net, ${exactMoney(current.totals.collected, current.currency)} collected.`}
            </figcaption>
            <RevenuePlot revenue={current} />
            <details className="rounded-md border border-slate-200">
              <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700">The figures, month by month</summary>
              <RevenueTable revenue={current} />
            </details>
          </figure>
        </CardBody>
      )}
    </Card>
  );
}

function RevenuePlot({ revenue }: { revenue: CurrencyRevenue }) {
  const { currency, months } = revenue;
  // Numbers for drawing only; every figure a person reads comes from the exact strings.
  const data = months.map((m) => ({ label: shortMonth(m.period), month: m, net: Number(m.net), collected: Number(m.collected) }));
  const negative = months.some((m) => new Dec(m.net).isNegative());
  return (
    <ComposedChart
      responsive
      data={data}
      style={{ width: "100%", height: 260 }}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      title={`Revenue by month in ${currency}`}
      desc={months.map((m) => `${periodLabel(m.period)}: net invoiced ${exactMoney(m.net, currency)}, collected ${exactMoney(m.collected, currency)}`).join("; ")}
    >
      <CartesianGrid vertical={false} stroke="#e2e8f0" />
      <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
      <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={56} />
      {negative && <ReferenceLine y={0} stroke="#94a3b8" />}
      <Tooltip
        labelFormatter={(_, payload) => {
          const month = (payload[0]?.payload as { month?: { period: string } } | undefined)?.month;
          return month ? periodLabel(month.period) : "";
        }}
        formatter={(value, name, entry) => {
          const key = (Object.keys(SERIES) as SeriesKey[]).find((k) => SERIES[k] === name);
          const month = (entry.payload as { month: RevenueFigures }).month;
          return [key ? exactMoney(month[key], currency) : String(value), name];
        }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      <Bar dataKey="net" name={SERIES.net} fill="#818cf8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      <Line type="linear" dataKey="collected" name={SERIES.collected} stroke="#0f766e" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
    </ComposedChart>
  );
}

/** Row headers read like cells; the total row keeps the header weight. */
export const rowHeader = "tracking-normal normal-case text-slate-800 text-sm";

function RevenueTable({ revenue }: { revenue: CurrencyRevenue }) {
  const { currency, months, totals } = revenue;
  const cells = (f: RevenueFigures) =>
    (["invoiced", "credited", "net", "collected"] as const).map((k) => (
      <TD key={k} numeric className="whitespace-nowrap">
        {exactMoney(f[k], currency)}
      </TD>
    ));
  return (
    <Table>
      <THead>
        <TR>
          <TH>Month</TH>
          <TH numeric>Invoiced</TH>
          <TH numeric>Credited</TH>
          <TH numeric>Net</TH>
          <TH numeric>Collected</TH>
        </TR>
      </THead>
      <TBody>
        {months.map((m) => (
          <TR key={m.period}>
            <TH scope="row" className={`${rowHeader} font-normal`}>
              {periodLabel(m.period)}
            </TH>
            {cells(m)}
          </TR>
        ))}
      </TBody>
      <tfoot className="border-t border-slate-200 font-semibold">
        <TR>
          <TH scope="row" className={rowHeader}>
            Total
          </TH>
          {cells(totals)}
        </TR>
      </tfoot>
    </Table>
  );
}
