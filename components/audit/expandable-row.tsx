"use client";
import { useId, useState, type ReactNode } from "react";
import { cn, focusRing, TD, TR } from "../ui";

export interface ExpandableRowProps {
  /** The row's cells after the toggle cell. */
  children: ReactNode;
  /** Shown in a full-width row underneath while expanded. */
  details: ReactNode;
  /** Total columns including the toggle, so the details row spans the table. */
  colSpan: number;
  /** Names the row for screen readers, e.g. "entry 42". */
  label: string;
}

export function ExpandableRow({ children, details, colSpan, label }: ExpandableRowProps) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  return (
    <>
      <TR className={cn(open && "bg-slate-50")}>
        <TD className="w-10 pr-0">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={open ? detailsId : undefined}
            onClick={() => setOpen(!open)}
            className={cn("flex size-7 items-center justify-center rounded text-slate-500 hover:bg-slate-200 hover:text-slate-900", focusRing)}
          >
            <span aria-hidden="true" className={cn("transition-transform", open && "rotate-90")}>
              ▸
            </span>
            <span className="sr-only">Details of {label}</span>
          </button>
        </TD>
        {children}
      </TR>
      {open && (
        <tr id={detailsId} className="bg-slate-50">
          <td colSpan={colSpan} className="px-4 pt-1 pb-4">
            {details}
          </td>
        </tr>
      )}
    </>
  );
}
