"use client";
// Revenue against partner payouts, month by month, with the margin between them as a line. A picture only: the
// table under it (one click away) has the exact figures, and the tooltip reads them from the same strings.
import { useId } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { formatMoney } from "../contracts/format";
import { cn, Table, TBody, TD, TH, THead, TR } from "../ui";
import { isLoss, marginShare } from "./format";

export interface MarginPoint {
  period: string;
  revenue: string;
  payouts: string;
  margin: string;
}

const SERIES = { revenue: "Revenue", payouts: "Payouts", margin: "Margin" } as const;
type SeriesKey = keyof typeof SERIES;

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const shortMonth = (period: string) => new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));

export function MarginChart({ caption, currency, points }: { caption: string; currency: string; points: MarginPoint[] }) {
  const captionId = useId();
  // Numbers for drawing only; every figure a person reads comes from the exact strings.
  const data = points.map((p) => ({ label: shortMonth(p.period), point: p, revenue: Number(p.revenue), payouts: Number(p.payouts), margin: Number(p.margin) }));
  const negative = points.some((p) => isLoss(p.margin));
  return (
    <figure aria-labelledby={captionId} className="space-y-3">
      <figcaption id={captionId} className="text-sm text-slate-600">
        {caption}
      </figcaption>
      <ComposedChart
        responsive
        data={data}
        style={{ width: "100%", height: 300 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={caption}
        desc={points.map((p) => `${periodLabel(p.period)}: revenue ${formatMoney(p.revenue, currency)}, payouts ${formatMoney(p.payouts, currency)}, margin ${formatMoney(p.margin, currency)}`).join("; ")}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
        <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={56} />
        {negative && <ReferenceLine y={0} stroke="#94a3b8" />}
        <Tooltip
          labelFormatter={(_, payload) => {
            const point = (payload[0]?.payload as { point?: MarginPoint } | undefined)?.point;
            return point ? periodLabel(point.period) : "";
          }}
          formatter={(_value, name, entry) => {
            const key = (Object.keys(SERIES) as SeriesKey[]).find((k) => SERIES[k] === name);
            const point = (entry.payload as { point: MarginPoint }).point;
            return [key ? formatMoney(point[key], currency) : String(_value), name];
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Bar dataKey="revenue" name={SERIES.revenue} fill="#818cf8" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Bar dataKey="payouts" name={SERIES.payouts} fill="#f59e0b" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        <Line type="linear" dataKey="margin" name={SERIES.margin} stroke="#0f766e" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
      </ComposedChart>
      <details className="rounded-md border border-slate-200">
        <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700">The figures, month by month</summary>
        <MarginTable currency={currency} points={points} />
      </details>
    </figure>
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
