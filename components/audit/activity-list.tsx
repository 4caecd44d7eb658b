import Link from "next/link";
import { Badge, EmptyState } from "../ui";
import { UtcTime } from "./utc-time";

export interface ActivityEntry {
  id: string;
  at: Date;
  actorLabel: string;
  actorType: string;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
}

/** Recent audit entries as a compact timeline (dashboards); the full log lives at /audit. */
export function ActivityList({ entries, moreHref }: { entries: ActivityEntry[]; moreHref?: string }) {
  if (entries.length === 0) return <EmptyState title="No activity yet" description="Changes made by people, API clients and jobs appear here." />;
  return (
    <div>
      <ul className="divide-y divide-slate-100">
        {entries.map((e) => (
          <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2.5 text-sm">
            <span className="w-48 shrink-0 text-slate-500">
              <UtcTime value={e.at} /> UTC
            </span>
            <Badge tone="neutral">{e.action}</Badge>
            <span className="min-w-0 truncate text-slate-800">
              {e.actorLabel} <span className="text-slate-400">via {e.source.toLowerCase()}</span>
            </span>
          </li>
        ))}
      </ul>
      {moreHref && (
        <Link href={moreHref} className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
          Full audit log →
        </Link>
      )}
    </div>
  );
}
