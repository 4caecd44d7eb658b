import type { ReactNode } from "react";
import { cn } from "../ui";

export interface Detail {
  label: ReactNode;
  value: ReactNode;
  /** Spans the full width (long text, tables). */
  wide?: boolean;
}

/** Label/value pairs in a responsive grid: the read-only counterpart of a form. */
export function DetailList({ items, className }: { items: (Detail | false | null | undefined)[]; className?: string }) {
  return (
    <dl className={cn("grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3", className)}>
      {items.filter((d): d is Detail => Boolean(d)).map((d, i) => (
        <div key={i} className={cn("min-w-0", d.wide && "sm:col-span-2 lg:col-span-3")}>
          <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{d.label}</dt>
          <dd className="mt-1 text-sm text-slate-900">{d.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A dash for "not set". */
export const None = () => <span className="text-slate-400">—</span>;
