"use client";
import Link from "next/link";
import { api } from "@/app/_trpc/react";
import { cn, focusRing } from "../ui";
import { UNREAD_QUERY } from "./inbox-query";

/** The top bar's way into the inbox, with the unread count (polled, and refreshed when the inbox changes). */
export function InboxLink() {
  const { data } = api.notifications.list.useQuery(UNREAD_QUERY, { refetchInterval: 60_000 });
  const unread = data?.unread ?? 0;
  return (
    <Link
      href="/inbox"
      aria-label={unread ? `Inbox, ${unread} unread` : "Inbox"}
      className={cn("inline-flex items-center gap-1.5 rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 hover:text-slate-900", focusRing)}
    >
      Inbox
      {unread > 0 && <span className="min-w-5 rounded-full bg-indigo-600 px-1.5 text-center text-xs leading-5 font-semibold text-white tabular-nums">{unread > 99 ? "99+" : unread}</span>}
    </Link>
  );
}
