"use client";
import Link from "next/link";
import { api } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Button, Card, CardHeader, cn, EmptyState, focusRing } from "../ui";
import { INBOX_QUERY } from "./inbox-query";

/** The signed-in user's notifications, newest first; opening one marks it read. */
export function InboxList() {
  const utils = api.useUtils();
  const { data } = api.notifications.list.useQuery(INBOX_QUERY);
  const markRead = api.notifications.markRead.useMutation({ onSuccess: () => utils.notifications.list.invalidate() });
  const items = data?.items ?? [];
  const unread = data?.unread ?? 0;
  return (
    <Card>
      <CardHeader
        title={unread ? `${unread} unread` : "All caught up"}
        description="Approvals requested of you and decisions on versions you wrote."
        actions={
          unread > 0 && (
            <Button variant="secondary" size="sm" loading={markRead.isPending && markRead.variables?.ids?.length === 0} onClick={() => markRead.mutate({ ids: [] })}>
              Mark all read
            </Button>
          )
        }
      />
      {items.length === 0 ? (
        <EmptyState title="No notifications" description="You will hear here when something needs you." />
      ) : (
        <ul className="divide-y divide-slate-100">
          {items.map((n) => {
            const isUnread = n.readAt === null;
            const body = (
              <>
                <span className="flex items-start justify-between gap-4">
                  <span className={cn("text-sm", isUnread ? "font-semibold text-slate-900" : "font-medium text-slate-700")}>
                    {isUnread && <span aria-hidden="true" className="mr-2 inline-block size-2 rounded-full bg-indigo-600 align-middle" />}
                    {isUnread && <span className="sr-only">Unread: </span>}
                    {n.title}
                  </span>
                  <span className="shrink-0 text-xs text-slate-500">
                    <UtcTime value={n.createdAt} /> UTC
                  </span>
                </span>
                <span className="mt-0.5 block text-sm text-slate-600">{n.body}</span>
              </>
            );
            const classes = cn("block px-5 py-3", isUnread && "bg-indigo-50/50");
            return (
              <li key={n.id}>
                {n.link ? (
                  <Link href={n.link} onClick={() => isUnread && markRead.mutate({ ids: [n.id] })} className={cn(classes, "hover:bg-slate-50", focusRing)}>
                    {body}
                  </Link>
                ) : (
                  <div className={classes}>{body}</div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
