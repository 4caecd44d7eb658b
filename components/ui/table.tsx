import type { ComponentProps } from "react";
import { cn } from "./cn";

/** Wraps the table so wide data scrolls horizontally instead of breaking the layout. */
export function Table({ className, ...rest }: ComponentProps<"table">) {
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full border-collapse text-left text-sm", className)} {...rest} />
    </div>
  );
}

export function THead({ className, ...rest }: ComponentProps<"thead">) {
  return <thead className={cn("border-b border-slate-200 bg-slate-50", className)} {...rest} />;
}

export function TBody({ className, ...rest }: ComponentProps<"tbody">) {
  return <tbody className={cn("divide-y divide-slate-100", className)} {...rest} />;
}

export function TR({ className, ...rest }: ComponentProps<"tr">) {
  return <tr className={cn("hover:bg-slate-50/60", className)} {...rest} />;
}

interface CellAlignProps {
  /** Right-aligns with tabular figures so amounts line up by digit. */
  numeric?: boolean;
}

const numericClasses = "text-right tabular-nums";

export function TH({ numeric, scope = "col", className, ...rest }: ComponentProps<"th"> & CellAlignProps) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase",
        numeric && numericClasses,
        className,
      )}
      {...rest}
    />
  );
}

export function TD({ numeric, className, ...rest }: ComponentProps<"td"> & CellAlignProps) {
  return (
    <td
      className={cn("px-4 py-3 align-middle text-slate-800", numeric && numericClasses, className)}
      {...rest}
    />
  );
}
