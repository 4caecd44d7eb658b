"use client";
// The amount per tier (or per event) as bars. A picture only: the breakdown table beside it is the accessible,
// exact source, and the chart says so in its caption.
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { BreakdownItem } from "@/server/domain/pricing/engine";
import { ChartFigure, chartLook, compactNumber } from "../charts/chart-kit";
import { formatQuantity } from "../contracts/format";
import { formatExactMoney, formatTierRange } from "./format";

export const MAX_CHARTED_EVENTS = 50;

interface ChartBar {
  /** The axis label: "Tier 2", "7" (the event number). */
  label: string;
  /** What the tooltip names the bar: "Tier 2: 1,000,000 – 5,000,000 units". */
  title: string;
  /** The exact amount, shown in the tooltip. */
  amount: string;
  /** Bar height only: a float is fine for pixels, never for money. */
  height: number;
}

function barOf(item: BreakdownItem): ChartBar | null {
  // Number() is for drawing; every figure a person reads comes from `amount`, the exact string.
  if (item.kind === "tier") return { label: `Tier ${item.tier}`, title: `Tier ${item.tier}: ${formatTierRange(item.from, item.upTo)} units`, amount: item.amount, height: Number(item.amount) };
  if (item.kind === "event") return { label: String(item.index), title: `Event ${item.index}: value ${formatQuantity(item.value)}`, amount: item.amount, height: Number(item.amount) };
  return null;
}

export function BreakdownChart({ breakdown, currency }: { breakdown: BreakdownItem[]; currency: string }) {
  const bars = breakdown.map(barOf).filter((b): b is ChartBar => b !== null);
  if (bars.length === 0) return null;
  const perEvent = breakdown[0].kind === "event";
  const shown = bars.slice(0, MAX_CHARTED_EVENTS);
  const caption = perEvent
    ? `Amount per event, ${currency}${bars.length > shown.length ? ` (the first ${shown.length} of ${bars.length} events)` : ""}.`
    : `Amount per tier, ${currency}.`;
  return (
    <ChartFigure caption={`${caption} The breakdown table has the exact figures.`}>
      <BarChart
        {...chartLook.chart}
        data={shown}
        style={{ width: "100%", height: 240 }}
        title={caption}
        desc={shown.map((b) => `${b.title}: ${formatExactMoney(b.amount, currency)}`).join("; ")}
      >
        <CartesianGrid {...chartLook.grid} />
        <XAxis {...chartLook.xAxis} />
        <YAxis {...chartLook.yAxis} tickFormatter={(v: number) => compactNumber(v, 2)} />
        <Tooltip
          cursor={{ fill: "#eef2ff" }}
          labelFormatter={(_, payload) => (payload[0]?.payload as ChartBar | undefined)?.title ?? ""}
          formatter={(_, __, entry) => [formatExactMoney((entry.payload as ChartBar).amount, currency), "Amount"]}
        />
        <Bar dataKey="height" name="Amount" fill="#4f46e5" radius={[3, 3, 0, 0]} maxBarSize={72} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
