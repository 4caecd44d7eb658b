"use client";
// What every chart in Tally shares: a figure with a caption a screen reader announces, the exact figures one click
// away (charts are pictures; tables hold the numbers people read), and one look — a horizontal grid, quiet axes,
// 12 px slate ticks, compact axis numbers. Recharts wants its axes as direct children of the chart, so the look is
// props to spread on them, not wrapper components.
import { useId, type ReactNode } from "react";
import { periodLabel } from "@/server/domain/billing/billing-period";

const compactFormats = new Map<number, Intl.NumberFormat>();
/** Axis numbers, short: 1.2M, 350K. Drawing only. */
export function compactNumber(value: number, digits = 1): string {
  let format = compactFormats.get(digits);
  if (!format) compactFormats.set(digits, (format = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: digits })));
  return format.format(value);
}

/** "Oct 26" for 2026-10: month labels on an axis. */
export const shortMonth = (period: string) => new Intl.DateTimeFormat("en-GB", { month: "short", year: "2-digit", timeZone: "UTC" }).format(new Date(`${period}-01T00:00:00Z`));

const tick = { fontSize: 12, fill: "#475569" };

/** Spread on the chart itself, its grid and its axes: `<XAxis {...chartLook.xAxis} />`. */
export const chartLook = {
  chart: { responsive: true, margin: { top: 8, right: 8, bottom: 0, left: 0 } },
  grid: { vertical: false, stroke: "#e2e8f0" },
  xAxis: { dataKey: "label", tick, tickLine: false, axisLine: { stroke: "#cbd5e1" } },
  yAxis: { tick, tickLine: false, axisLine: false, width: 56, tickFormatter: (v: number) => compactNumber(v) },
  legend: { wrapperStyle: { fontSize: 12 } },
} as const;

/**
 * Tooltip props for a chart of months whose data rows carry the month's exact figures as `row`: the month's name as
 * the label, and each series (named in `series`, key → legend name) read from the exact string, not the drawn number.
 */
export function monthTooltip<K extends string>(series: Record<K, string>, money: (amount: string) => string) {
  type Row = { period: string } & Record<K, string>;
  const keyOf = (name: unknown) => (Object.keys(series) as K[]).find((k) => series[k] === name);
  return {
    labelFormatter: (_label: unknown, payload: ReadonlyArray<{ payload?: unknown }>) => {
      const row = (payload[0]?.payload as { row?: Row } | undefined)?.row;
      return row ? periodLabel(row.period) : "";
    },
    formatter: (value: unknown, name: unknown, entry: { payload?: unknown }) => {
      const key = keyOf(name);
      const row = (entry.payload as { row: Row }).row;
      return [key ? money(row[key]) : String(value), String(name)] as [string, string];
    },
  };
}

/** A chart with its caption, and (when given) its figures in a table under a disclosure. */
export function ChartFigure({ caption, figures, children }: { caption: ReactNode; figures?: { summary: string; table: ReactNode }; children: ReactNode }) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="space-y-3">
      <figcaption id={captionId} className="text-sm text-slate-600">
        {caption}
      </figcaption>
      {children}
      {figures && (
        <details className="rounded-md border border-slate-200">
          <summary className="cursor-pointer px-4 py-2 text-sm font-medium text-slate-700">{figures.summary}</summary>
          {figures.table}
        </details>
      )}
    </figure>
  );
}
