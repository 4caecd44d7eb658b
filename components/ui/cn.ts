/** Anything `cond && "class"` can produce; only non-empty strings survive. */
export type ClassValue = string | number | bigint | boolean | null | undefined;

/** Joins class names: cn("a", cond && "b", undefined) -> "a b". */
export function cn(...classes: ClassValue[]): string {
  return classes.filter((c): c is string => typeof c === "string" && c !== "").join(" ");
}

/** The one focus style used across the kit, so keyboard focus always looks the same. */
export const focusRing =
  "outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:ring-offset-white";

/** Shared by Input, Select and Textarea; aria-invalid drives the error look so callers only set one thing. */
export const controlClasses = cn(
  "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs",
  "placeholder:text-slate-400",
  "outline-none focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/30",
  "disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500",
  "aria-invalid:border-red-500 aria-invalid:focus:border-red-500 aria-invalid:focus:ring-red-500/30",
);
