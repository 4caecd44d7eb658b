import { AppShell } from "@/components/shell/app-shell";
import { NAV_BY_ROLE } from "@/components/shell/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { requireUser } from "@/server/auth/session";

// Every page under (app) needs a session; role checks happen per page.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <AppShell user={user} nav={NAV_BY_ROLE[user.role]} signOutSlot={<SignOutButton />}>
      {children}
    </AppShell>
  );
}
