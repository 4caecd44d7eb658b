import Link from "next/link";
import { cn } from "./cn";

/** A row of link pills choosing one value (a status filter); the current one is marked for assistive tech too. */
export function FilterPills<T extends string>({ label, options, current, hrefFor, labelOf }: { label: string; options: readonly T[]; current: T; hrefFor: (option: T) => string; labelOf: (option: T) => string }) {
  return (
    <nav aria-label={label} className="flex flex-wrap gap-2">
      {options.map((option) => (
        <Link
          key={option}
          href={hrefFor(option)}
          aria-current={option === current ? "page" : undefined}
          className={cn("rounded-full px-3 py-1 text-sm font-medium", option === current ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200")}
        >
          {labelOf(option)}
        </Link>
      ))}
    </nav>
  );
}
