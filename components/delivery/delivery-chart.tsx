"use client";
// One CPM line's month: first- and third-party impressions per day, and (for staff) the cumulative amount the
// line has earned against its period cap. A picture only: the table under it has the exact figures.
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ChartFigure, chartLook } from "../charts/chart-kit";
import { formatMoney } from "../contracts/format";

export interface ChartDay {
  day: string;
  firstParty: number | null;
  thirdParty: number | null;
  /** Exact decimal string; drawn only. */
  cumulativeAmount?: string;
}

const whole = new Intl.NumberFormat("en-US");

export function DeliveryChart({ title, days, cap, currency }: { title: string; days: ChartDay[]; cap?: string | null; currency: string }) {
  const withSpend = days.some((d) => d.cumulativeAmount !== undefined);
  // Numbers for drawing only: every figure a person reads comes from the exact strings in the table.
  const data = days.map((d) => ({ label: d.day.slice(8), day: d.day, firstParty: d.firstParty, thirdParty: d.thirdParty, spend: d.cumulativeAmount === undefined ? undefined : Number(d.cumulativeAmount), exactSpend: d.cumulativeAmount }));
  const capValue = cap ? Number(cap) : null;
  const caption = `${title}: impressions per day${withSpend ? `, and the cumulative amount in ${currency}${cap ? ` against the period cap of ${formatMoney(cap, currency)}` : ""}` : ""}.`;
  return (
    <ChartFigure caption={caption}>
      <ComposedChart
        {...chartLook.chart}
        data={data}
        style={{ width: "100%", height: 280 }}
        title={caption}
        desc={days.map((d) => `${d.day}: first party ${d.firstParty ?? "none"}, third party ${d.thirdParty ?? "none"}`).join("; ")}
      >
        <CartesianGrid {...chartLook.grid} />
        <XAxis {...chartLook.xAxis} />
        <YAxis {...chartLook.yAxis} yAxisId="impressions" width={52} />
        {withSpend && (
          <YAxis {...chartLook.yAxis} yAxisId="spend" orientation="right" domain={[0, (max: number) => Math.max(max, capValue ?? 0) * 1.05]} tick={{ ...chartLook.yAxis.tick, fill: "#0f766e" }} width={52} />
        )}
        <Tooltip
          labelFormatter={(_, payload) => (payload[0]?.payload as { day?: string } | undefined)?.day ?? ""}
          formatter={(value, name, entry) => [name === "Cumulative amount" ? formatMoney((entry.payload as { exactSpend: string }).exactSpend, currency) : whole.format(Number(value)), name]}
        />
        <Legend {...chartLook.legend} />
        <Line yAxisId="impressions" type="monotone" dataKey="firstParty" name="First party" stroke="#4f46e5" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        <Line yAxisId="impressions" type="monotone" dataKey="thirdParty" name="Third party" stroke="#d97706" strokeWidth={2} strokeDasharray="5 3" dot={false} connectNulls={false} isAnimationActive={false} />
        {withSpend && <Line yAxisId="spend" type="stepAfter" dataKey="spend" name="Cumulative amount" stroke="#0f766e" strokeWidth={1.5} dot={false} isAnimationActive={false} />}
        {withSpend && capValue !== null && (
          <ReferenceLine yAxisId="spend" y={capValue} stroke="#dc2626" strokeDasharray="4 4" label={{ value: `Period cap ${formatMoney(cap!, currency)}`, position: "insideTopLeft", fill: "#b91c1c", fontSize: 12 }} />
        )}
      </ComposedChart>
    </ChartFigure>
  );
}
