import type { Metadata } from "next";
import { InboxList } from "@/components/notifications/inbox-list";
import { INBOX_QUERY } from "@/components/notifications/inbox-query";
import { PageHeader } from "@/components/shell/page-header";
import { api, HydrateClient } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage() {
  await requireUser();
  // Prefetched here so the list renders with the page; the client keeps it fresh after "mark read".
  await api.notifications.list.prefetch(INBOX_QUERY);
  return (
    <HydrateClient>
      <PageHeader title="Inbox" />
      <InboxList />
    </HydrateClient>
  );
}
