import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";
import { cn } from "./cn";

interface PaginationBase {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  className?: string;
}

/** Either client-side callbacks or server-friendly links; never both. */
export type PaginationProps = PaginationBase &
  (
    | { onPageChange: (page: number) => void; hrefFor?: never }
    | { hrefFor: (page: number) => string; onPageChange?: never }
  );

export function Pagination({ page, pageCount, className, onPageChange, hrefFor }: PaginationProps) {
  const total = Math.max(1, pageCount);
  const current = Math.min(Math.max(1, page), total);

  function control(target: number, label: string, children: ReactNode) {
    const disabled = target < 1 || target > total;
    const classes = buttonClasses({ variant: "secondary", size: "sm" });
    if (hrefFor) {
      // A link without href is not focusable, so a disabled step is plain text for keyboard users.
      return disabled ? (
        <span aria-disabled="true" className={classes}>
          {children}
        </span>
      ) : (
        <Link href={hrefFor(target)} aria-label={label} className={classes}>
          {children}
        </Link>
      );
    }
    return (
      <button
        type="button"
        disabled={disabled}
        aria-label={label}
        onClick={() => onPageChange?.(target)}
        className={classes}
      >
        {children}
      </button>
    );
  }

  return (
    <nav aria-label="Pagination" className={cn("flex items-center justify-between gap-3", className)}>
      <p className="text-sm text-slate-600 tabular-nums" aria-live="polite">
        Page {current} of {total}
      </p>
      <div className="flex gap-2">
        {control(current - 1, "Previous page", <><span aria-hidden="true">←</span> Previous</>)}
        {control(current + 1, "Next page", <>Next <span aria-hidden="true">→</span></>)}
      </div>
    </nav>
  );
}

/** A card's pagination footer: nothing when everything fits on one page. */
export function CardPagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <div className="border-t border-slate-200 px-5 py-4">
      <Pagination page={page} pageCount={pageCount} hrefFor={hrefFor} />
    </div>
  );
}
