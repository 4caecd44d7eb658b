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
import { ChartFigure, chartLook, monthTooltip, shortMonth } from "../charts/chart-kit";
import { Card, CardBody, CardHeader, EmptyState, Select, Table, TBody, TD, TH, THead, TR } from "../ui";

const SERIES = { net: "Net invoiced", collected: "Collected" } as const;


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
          <ChartFigure
            caption={`Net invoiced and collected in ${current.currency}, ${range}: ${exactMoney(current.totals.net, current.currency)} invoiced net, ${exactMoney(current.totals.collected, current.currency)} collected.`}
            figures={{ summary: "The figures, month by month", table: <RevenueTable revenue={current} /> }}
          >
            <RevenuePlot revenue={current} />
          </ChartFigure>
        </CardBody>
      )}
    </Card>
  );
}

function RevenuePlot({ revenue }: { revenue: CurrencyRevenue }) {
  const { currency, months } = revenue;
  // Numbers for drawing only; every figure a person reads comes from the exact strings.
  const data = months.map((m) => ({ label: shortMonth(m.period), row: m, net: Number(m.net), collected: Number(m.collected) }));
  const negative = months.some((m) => new Dec(m.net).isNegative());
  return (
    <ComposedChart
      {...chartLook.chart}
      data={data}
      style={{ width: "100%", height: 260 }}
      title={`Revenue by month in ${currency}`}
      desc={months.map((m) => `${periodLabel(m.period)}: net invoiced ${exactMoney(m.net, currency)}, collected ${exactMoney(m.collected, currency)}`).join("; ")}
    >
      <CartesianGrid {...chartLook.grid} />
      <XAxis {...chartLook.xAxis} />
      <YAxis {...chartLook.yAxis} />
      {negative && <ReferenceLine y={0} stroke="#94a3b8" />}
      <Tooltip {...monthTooltip(SERIES, (amount) => exactMoney(amount, currency))} />
      <Legend {...chartLook.legend} />
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
