import { useId, type ReactNode } from "react";
import { cn } from "./cn";

export type ProgressTone = "indigo" | "green" | "amber" | "red";

const toneClasses: Record<ProgressTone, string> = {
  indigo: "bg-indigo-600",
  green: "bg-green-600",
  amber: "bg-amber-500",
  red: "bg-red-600",
};

export interface ProgressBarProps {
  value: number;
  max?: number;
  label: ReactNode;
  /** Human-readable value, e.g. "$4,200 of $10,000"; defaults to a percentage. */
  valueText?: string;
  tone?: ProgressTone;
  className?: string;
}

export function ProgressBar({ value, max = 100, label, valueText, tone = "indigo", className }: ProgressBarProps) {
  const labelId = useId();
  const clamped = Math.min(Math.max(value, 0), max);
  const percent = max > 0 ? (clamped / max) * 100 : 0;
  const text = valueText ?? `${Math.round(percent)}%`;

  return (
    <div className={cn("space-y-1.5", className)}>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span id={labelId} className="font-medium text-slate-800">
          {label}
        </span>
        <span className="text-slate-500 tabular-nums">{text}</span>
      </div>
      <div
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={text}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div className={cn("h-full rounded-full transition-[width]", toneClasses[tone])} style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
