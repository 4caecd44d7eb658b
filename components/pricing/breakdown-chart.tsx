"use client";
// The amount per tier (or per event) as bars. A picture only: the breakdown table beside it is the accessible,
// exact source, and the chart says so in its caption.
import { useId } from "react";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { BreakdownItem } from "@/server/domain/pricing/engine";
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

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 });

export function BreakdownChart({ breakdown, currency }: { breakdown: BreakdownItem[]; currency: string }) {
  const captionId = useId();
  const bars = breakdown.map(barOf).filter((b): b is ChartBar => b !== null);
  if (bars.length === 0) return null;
  const perEvent = breakdown[0].kind === "event";
  const shown = bars.slice(0, MAX_CHARTED_EVENTS);
  const caption = perEvent
    ? `Amount per event, ${currency}${bars.length > shown.length ? ` (the first ${shown.length} of ${bars.length} events)` : ""}.`
    : `Amount per tier, ${currency}.`;
  return (
    <figure aria-labelledby={captionId} className="space-y-2">
      <figcaption id={captionId} className="text-sm text-slate-600">
        {caption} The breakdown table has the exact figures.
      </figcaption>
      <BarChart
        responsive
        data={shown}
        style={{ width: "100%", height: 240 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={caption}
        desc={shown.map((b) => `${b.title}: ${formatExactMoney(b.amount, currency)}`).join("; ")}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
        <YAxis tickFormatter={(v: number) => compact.format(v)} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={56} />
        <Tooltip
          cursor={{ fill: "#eef2ff" }}
          labelFormatter={(_, payload) => (payload[0]?.payload as ChartBar | undefined)?.title ?? ""}
          formatter={(_, __, entry) => [formatExactMoney((entry.payload as ChartBar).amount, currency), "Amount"]}
        />
        <Bar dataKey="height" name="Amount" fill="#4f46e5" radius={[3, 3, 0, 0]} maxBarSize={72} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}
