// The field-level diff of a version against the previous approved one, grouped by what changed
// ("CPM line Sports: rate per thousand 12.50 → 14.00").
import { Badge } from "../ui";

export interface TermsChangeRow {
  kind: "ADDED" | "REMOVED" | "CHANGED";
  subject: string;
  field?: string;
  before?: string;
  after?: string;
  sentence: string;
}

function groupBySubject(changes: TermsChangeRow[]) {
  const groups = new Map<string, TermsChangeRow[]>();
  for (const change of changes) groups.set(change.subject, [...(groups.get(change.subject) ?? []), change]);
  return [...groups.entries()];
}

export function TermsChanges({ changes }: { changes: TermsChangeRow[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">No changes: the terms are the same as the previous approved version's.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {groupBySubject(changes).map(([subject, rows]) => (
        <li key={subject} className="py-3 first:pt-0 last:pb-0">
          <p className="flex items-center gap-2 text-sm font-semibold text-slate-900">
            {subject}
            {rows.some((r) => r.kind === "ADDED") && <Badge tone="green">Added</Badge>}
            {rows.some((r) => r.kind === "REMOVED") && <Badge tone="red">Removed</Badge>}
          </p>
          {rows.some((r) => r.kind === "CHANGED") && (
            <ul className="mt-1.5 space-y-1 text-sm">
              {rows
                .filter((r) => r.kind === "CHANGED")
                .map((r) => (
                  <li key={r.field} className="flex flex-wrap items-baseline gap-x-2">
                    <span className="text-slate-600">{r.field}</span>
                    <span className="sr-only">changed from</span>
                    <span className="rounded bg-red-50 px-1 text-red-800 tabular-nums line-through decoration-red-400">{r.before}</span>
                    <span aria-hidden="true" className="text-slate-400">
                      →
                    </span>
                    <span className="sr-only">to</span>
                    <span className="rounded bg-green-50 px-1 font-medium text-green-800 tabular-nums">{r.after}</span>
                  </li>
                ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
