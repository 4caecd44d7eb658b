import { redirect } from "next/navigation";
import { HOME_BY_ROLE } from "@/server/auth/permissions";
import { getSessionUser } from "@/server/auth/session";

export default async function Home() {
  const user = await getSessionUser();
  redirect(user ? HOME_BY_ROLE[user.role] : "/signin");
}
