import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, EmptyState } from "../ui";
import { formatMoney, VERSION_KIND_LABELS, versionLabel } from "./format";

type QueueItem = RouterOutputs["contracts"]["approvalQueue"][number];

function DecisionHint({ item }: { item: QueueItem }) {
  if (item.canDecide) return <Badge tone="amber">Needs your decision</Badge>;
  return <Badge tone="neutral">{item.approvals > 0 ? "Waiting for a second approver" : "Your own version"}</Badge>;
}

/** Finance's queue, oldest submission first: what, for whom, how much, how far along, and what changed. */
export function ApprovalQueueList({ items, compact = false }: { items: QueueItem[]; compact?: boolean }) {
  if (items.length === 0) return <EmptyState title="Nothing to approve" description="Submitted contract versions queue here, oldest first." />;
  return (
    <ul className="divide-y divide-slate-100">
      {items.map((item) => (
        <li key={item.versionId} className="py-4 first:pt-0 last:pb-0">
          <div className="flex items-baseline justify-between gap-4">
            <Link href={`/contracts/${item.contractId}/versions/${item.versionId}`} className="min-w-0 truncate font-medium text-indigo-700 hover:underline">
              {item.contractNumber} · {VERSION_KIND_LABELS[item.kind]} {versionLabel(item.versionNumber)}
            </Link>
            <span className="shrink-0 font-medium text-slate-900 tabular-nums">{formatMoney(item.committedValue, item.currency)}</span>
          </div>
          <div className="flex items-baseline justify-between gap-4 text-sm">
            <span className="min-w-0 truncate text-slate-700">
              {item.contractTitle} <span className="text-slate-500">· {item.advertiserName}</span>
            </span>
            <span className="shrink-0 text-slate-600 tabular-nums">
              {item.approvals} of {item.requiredApprovals} approval{item.requiredApprovals === 1 ? "" : "s"}
            </span>
          </div>
          <p className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-500">
            <DecisionHint item={item} />
            <span>
              Effective {item.effectiveFrom}
              {!compact && ` · by ${item.authorName}`}
              {!compact && item.submittedAt && (
                <>
                  {" "}
                  · submitted <UtcTime value={item.submittedAt} /> UTC
                </>
              )}
            </span>
          </p>
          {!compact && item.changeSummary.length > 0 && (
            <ul className="mt-2 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {item.changeSummary.map((line) => (
                <li key={line}>{line}</li>
              ))}
              {item.changeCount > item.changeSummary.length && <li className="list-none text-slate-500">and {item.changeCount - item.changeSummary.length} more</li>}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
