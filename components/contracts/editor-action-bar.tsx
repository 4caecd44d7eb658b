import type { ReactNode } from "react";

/** The save buttons of a long editor, kept in reach at the bottom of the viewport. */
export function EditorActionBar({ status, children }: { status?: ReactNode; children: ReactNode }) {
  return (
    <div className="sticky bottom-0 z-10 -mx-4 mt-6 flex flex-wrap items-center justify-end gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur md:-mx-8 md:px-8">
      {status && <p className="mr-auto text-sm text-slate-600">{status}</p>}
      {children}
    </div>
  );
}
