import { AppShell } from "@/components/shell/app-shell";
import { NAV_BY_ROLE } from "@/components/shell/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { UNREAD_QUERY } from "@/components/notifications/inbox-query";
import { api, HydrateClient } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

// Every page under (app) needs a session; role checks happen per page.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // The top bar's unread count renders with the page instead of popping in after it.
  await api.notifications.list.prefetch(UNREAD_QUERY);
  return (
    <HydrateClient>
      <AppShell user={user} nav={NAV_BY_ROLE[user.role]} signOutSlot={<SignOutButton />}>
        {children}
      </AppShell>
    </HydrateClient>
  );
}
