"use client";
// Receivables aging, one currency at a time: what is still owed, by days past due. A picture only: the table under
// it has the exact figures, and the tooltip reads them from the same strings.
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from "recharts";
import type { AgingBucketKey, CurrencyAging } from "@/server/domain/invoices/receivables-aging";
// formatRate: every decimal an amount has, padded to the minor unit; a payment may carry more decimals than an
// invoice, and a report that rounds them would not add up.
import { formatRate as exactMoney } from "../contracts/format";
import { ChartFigure, chartLook } from "../charts/chart-kit";
import { Card, CardBody, CardHeader, EmptyState, Table, TBody, TD, TH, THead, TR } from "../ui";
import { CurrencySelect, rowHeader } from "./revenue-chart";

/** From on time to long overdue; the bucket names on the axis carry the meaning, the colours only echo it. */
const BUCKET_COLOURS: Record<AgingBucketKey, string> = { NOT_DUE: "#818cf8", DAYS_1_30: "#fbbf24", DAYS_31_60: "#f59e0b", DAYS_61_90: "#ea580c", OVER_90: "#b91c1c" };

const invoiceCount = (n: number) => `${n} invoice${n === 1 ? "" : "s"}`;

type Bucket = CurrencyAging["buckets"][number];

/** `currencies` as the report orders them, largest first: the first is shown until another is chosen. */
export function AgingChart({ currencies, asOf }: { currencies: CurrencyAging[]; asOf: string }) {
  const [chosen, setChosen] = useState(currencies[0]?.currency ?? "");
  const current = currencies.find((c) => c.currency === chosen) ?? currencies[0];
  return (
    <Card>
      <CardHeader
        title="Receivables aging"
        description={`What issued invoices still owe as of ${asOf}, by days past their due date.`}
        actions={currencies.length > 1 && current && <CurrencySelect currencies={currencies.map((c) => c.currency)} value={current.currency} onChange={setChosen} />}
      />
      {!current ? (
        <EmptyState title="Nothing outstanding" description="Every issued invoice is paid, credited in full or void." />
      ) : (
        <CardBody>
          <ChartFigure
            caption={`Owed in ${current.currency} as of ${asOf}: ${exactMoney(current.total.amount, current.currency)} on ${invoiceCount(current.total.invoices)}, of which ${exactMoney(current.overdue.amount, current.currency)} overdue.`}
            figures={{ summary: "The figures, bucket by bucket", table: <AgingTable aging={current} /> }}
          >
            <AgingPlot aging={current} />
          </ChartFigure>
        </CardBody>
      )}
    </Card>
  );
}

function AgingPlot({ aging }: { aging: CurrencyAging }) {
  const { currency, buckets } = aging;
  // Numbers for drawing only; every figure a person reads comes from the exact strings.
  const data = buckets.map((b) => ({ label: b.label, bucket: b, amount: Number(b.amount) }));
  return (
    <BarChart
      {...chartLook.chart}
      data={data}
      style={{ width: "100%", height: 260 }}
      title={`Receivables aging in ${currency}`}
      desc={buckets.map((b) => `${b.label}: ${exactMoney(b.amount, currency)} on ${invoiceCount(b.invoices)}`).join("; ")}
    >
      <CartesianGrid {...chartLook.grid} />
      {/* Every bucket named, a size smaller: five labels share a half-width card. */}
      <XAxis {...chartLook.xAxis} interval={0} tick={{ ...chartLook.xAxis.tick, fontSize: 11 }} />
      <YAxis {...chartLook.yAxis} />
      <Tooltip
        formatter={(_value, _name, entry) => {
          const bucket = (entry.payload as { bucket: Bucket }).bucket;
          return [`${exactMoney(bucket.amount, currency)} (${invoiceCount(bucket.invoices)})`, "Owed"];
        }}
      />
      <Bar dataKey="amount" name="Owed" radius={[3, 3, 0, 0]} isAnimationActive={false} shape={(props: BarShapeProps) => <Rectangle {...props} fill={BUCKET_COLOURS[(props.payload as { bucket: Bucket }).bucket.key]} />} />
    </BarChart>
  );
}

function AgingTable({ aging }: { aging: CurrencyAging }) {
  const { currency, buckets, total } = aging;
  return (
    <Table>
      <THead>
        <TR>
          <TH>Days past due</TH>
          <TH numeric>Invoices</TH>
          <TH numeric>Owed</TH>
        </TR>
      </THead>
      <TBody>
        {buckets.map((b) => (
          <TR key={b.key}>
            <TH scope="row" className={`${rowHeader} font-normal`}>
              {b.label}
            </TH>
            <TD numeric>{b.invoices}</TD>
            <TD numeric className="whitespace-nowrap">
              {exactMoney(b.amount, currency)}
            </TD>
          </TR>
        ))}
      </TBody>
      <tfoot className="border-t border-slate-200 font-semibold">
        <TR>
          <TH scope="row" className={rowHeader}>
            Total
          </TH>
          <TD numeric>{total.invoices}</TD>
          <TD numeric className="whitespace-nowrap">
            {exactMoney(total.amount, currency)}
          </TD>
        </TR>
      </tfoot>
    </Table>
  );
}
