"use client";
// Revenue against partner payouts, month by month, with the margin between them as a line. A picture only: the
// table under it (one click away) has the exact figures, and the tooltip reads them from the same strings.
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { formatMoney } from "../contracts/format";
import { ChartFigure, chartLook, monthTooltip, shortMonth } from "../charts/chart-kit";
import { cn, Table, TBody, TD, TH, THead, TR } from "../ui";
import { isLoss, marginShare } from "./format";

export interface MarginPoint {
  period: string;
  revenue: string;
  payouts: string;
  margin: string;
}

const SERIES = { revenue: "Revenue", payouts: "Payouts", margin: "Margin" } as const;


export function MarginChart({ caption, currency, points }: { caption: string; currency: string; points: MarginPoint[] }) {
  // Numbers for drawing only; every figure a person reads comes from the exact strings.
  const data = points.map((p) => ({ label: shortMonth(p.period), row: p, revenue: Number(p.revenue), payouts: Number(p.payouts), margin: Number(p.margin) }));
  const negative = points.some((p) => isLoss(p.margin));
  return (
    <ChartFigure caption={caption} figures={{ summary: "The figures, month by month", table: <MarginTable currency={currency} points={points} /> }}>
      <ComposedChart
        {...chartLook.chart}
        data={data}
        style={{ width: "100%", height: 300 }}
        title={caption}
        desc={points.map((p) => `${periodLabel(p.period)}: revenue ${formatMoney(p.revenue, currency)}, payouts ${formatMoney(p.payouts, currency)}, margin ${formatMoney(p.margin, currency)}`).join("; ")}
      >
        <CartesianGrid {...chartLook.grid} />
        <XAxis {...chartLook.xAxis} />
        <YAxis {...chartLook.yAxis} />
        {negative && <ReferenceLine y={0} stroke="#94a3b8" />}
        <Tooltip {...monthTooltip(SERIES, (amount) => formatMoney(amount, currency))} />
        <Legend {...chartLook.legend} />
        <Bar dataKey="revenue" name={SERIES.revenue} fill="#818cf8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="payouts" name={SERIES.payouts} fill="#f59e0b" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Line type="linear" dataKey="margin" name={SERIES.margin} stroke="#0f766e" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </ComposedChart>
    </ChartFigure>
  );
}

function MarginTable({ currency, points }: { currency: string; points: MarginPoint[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Month</TH>
          <TH numeric>Revenue</TH>
          <TH numeric>Payouts</TH>
          <TH numeric>Margin</TH>
          <TH numeric>Margin %</TH>
        </TR>
      </THead>
      <TBody>
        {points.map((p) => (
          <TR key={p.period}>
            <TH scope="row" className="font-normal tracking-normal normal-case text-slate-800 text-sm">
              {periodLabel(p.period)}
            </TH>
            <TD numeric>{formatMoney(p.revenue, currency)}</TD>
            <TD numeric>{formatMoney(p.payouts, currency)}</TD>
            <TD numeric className={cn(isLoss(p.margin) && "text-red-700")}>
              {formatMoney(p.margin, currency)}
            </TD>
            <TD numeric>{marginShare(p.revenue, p.payouts) ?? "—"}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
