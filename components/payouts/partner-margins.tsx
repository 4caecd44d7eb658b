"use client";
// One partner (in one currency) at a time: amounts in different currencies cannot share an axis.
import { useId, useState } from "react";
import { Label, Select } from "../ui";
import { MarginChart, type MarginPoint } from "./margin-chart";

export interface PartnerMarginSeries {
  partnerKey: string;
  partnerName: string;
  currency: string;
  points: MarginPoint[];
}

const seriesId = (s: PartnerMarginSeries) => `${s.partnerKey}|${s.currency}`;

export function PartnerMargins({ series, range }: { series: PartnerMarginSeries[]; range: string }) {
  const selectId = useId();
  const [selected, setSelected] = useState(() => (series[0] ? seriesId(series[0]) : ""));
  const current = series.find((s) => seriesId(s) === selected) ?? series[0];
  if (!current) return null;
  return (
    <div className="space-y-4">
      <div className="max-w-sm space-y-1.5">
        <Label htmlFor={selectId}>Partner</Label>
        <Select id={selectId} value={seriesId(current)} onChange={(e) => setSelected(e.target.value)}>
          {series.map((s) => (
            <option key={seriesId(s)} value={seriesId(s)}>
              {s.partnerName} · {s.currency}
            </option>
          ))}
        </Select>
      </div>
      <MarginChart
        key={seriesId(current)}
        caption={`${current.partnerName} (${current.partnerKey}), ${range}: revenue its statements were earned on against what it is paid, in ${current.currency}, with the margin kept.`}
        currency={current.currency}
        points={current.points}
      />
    </div>
  );
}
