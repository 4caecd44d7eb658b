import "server-only";
// Page guards for server components. APIs answer 401/403; pages redirect: no session → sign-in,
// wrong role → the user's own dashboard.
import { getServerSession, type Session } from "next-auth";
import { redirect } from "next/navigation";
import type { Role } from "../db/generated/enums";
import { authOptions } from "./options";
import { HOME_BY_ROLE } from "./permissions";

export type SessionUser = Session["user"];

export async function getSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  return session?.user ?? null;
}

export async function requireUser(...roles: Role[]): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  if (roles.length && !roles.includes(user.role)) redirect(HOME_BY_ROLE[user.role]);
  return user;
}
