import { redirect } from "next/navigation";
import { requireUser } from "@/server/auth/session";

export default async function AccountPage() {
  const user = await requireUser("ADVERTISER");
  redirect(`/advertisers/${user.advertiserId}`);
}
