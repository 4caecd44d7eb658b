"use client";
// One CPM line's month: first- and third-party impressions per day, and (for staff) the cumulative amount the
// line has earned against its period cap. A picture only: the table under it has the exact figures.
import { useId } from "react";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../contracts/format";

export interface ChartDay {
  day: string;
  firstParty: number | null;
  thirdParty: number | null;
  /** Exact decimal string; drawn only. */
  cumulativeAmount?: string;
}

const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US");

export function DeliveryChart({ title, days, cap, currency }: { title: string; days: ChartDay[]; cap?: string | null; currency: string }) {
  const captionId = useId();
  const withSpend = days.some((d) => d.cumulativeAmount !== undefined);
  // Numbers for drawing only: every figure a person reads comes from the exact strings in the table.
  const data = days.map((d) => ({ label: d.day.slice(8), day: d.day, firstParty: d.firstParty, thirdParty: d.thirdParty, spend: d.cumulativeAmount === undefined ? undefined : Number(d.cumulativeAmount), exactSpend: d.cumulativeAmount }));
  const capValue = cap ? Number(cap) : null;
  const caption = `${title}: impressions per day${withSpend ? `, and the cumulative amount in ${currency}${cap ? ` against the period cap of ${formatMoney(cap, currency)}` : ""}` : ""}.`;
  return (
    <figure aria-labelledby={captionId} className="space-y-2">
      <figcaption id={captionId} className="text-sm text-slate-600">
        {caption}
      </figcaption>
      <ComposedChart
        responsive
        data={data}
        style={{ width: "100%", height: 280 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        title={caption}
        desc={days.map((d) => `${d.day}: first party ${d.firstParty ?? "none"}, third party ${d.thirdParty ?? "none"}`).join("; ")}
      >
        <CartesianGrid vertical={false} stroke="#e2e8f0" />
        <XAxis dataKey="label" tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={{ stroke: "#cbd5e1" }} />
        <YAxis yAxisId="impressions" tickFormatter={(v: number) => compact.format(v)} tick={{ fontSize: 12, fill: "#475569" }} tickLine={false} axisLine={false} width={52} />
        {withSpend && (
          <YAxis
            yAxisId="spend"
            orientation="right"
            domain={[0, (max: number) => Math.max(max, capValue ?? 0) * 1.05]}
            tickFormatter={(v: number) => compact.format(v)}
            tick={{ fontSize: 12, fill: "#0f766e" }}
            tickLine={false}
            axisLine={false}
            width={52}
          />
        )}
        <Tooltip
          labelFormatter={(_, payload) => (payload[0]?.payload as { day?: string } | undefined)?.day ?? ""}
          formatter={(value, name, entry) => [name === "Cumulative amount" ? formatMoney((entry.payload as { exactSpend: string }).exactSpend, currency) : whole.format(Number(value)), name]}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line yAxisId="impressions" type="monotone" dataKey="firstParty" name="First party" stroke="#4f46e5" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        <Line yAxisId="impressions" type="monotone" dataKey="thirdParty" name="Third party" stroke="#d97706" strokeWidth={2} strokeDasharray="5 3" dot={false} connectNulls={false} isAnimationActive={false} />
        {withSpend && <Line yAxisId="spend" type="stepAfter" dataKey="spend" name="Cumulative amount" stroke="#0f766e" strokeWidth={1.5} dot={false} isAnimationActive={false} />}
        {withSpend && capValue !== null && (
          <ReferenceLine yAxisId="spend" y={capValue} stroke="#dc2626" strokeDasharray="4 4" label={{ value: `Period cap ${formatMoney(cap!, currency)}`, position: "insideTopLeft", fill: "#b91c1c", fontSize: 12 }} />
        )}
      </ComposedChart>
    </figure>
  );
}
