// /contracts/number/C-2026-0001/delivery: delivery reports and imports name contracts by number; this resolves
// the number through the caller's own contract scope (an unknown or foreign number is a 404) and redirects.
import { notFound, redirect } from "next/navigation";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export default async function ContractDeliveryByNumber({ params }: { params: Promise<{ number: string }> }) {
  await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const number = decodeURIComponent((await params).number).toUpperCase();
  const { items } = await api.contracts.list({ page: 1, pageSize: 5, search: number });
  const contract = items.find((c) => c.number === number);
  if (!contract) notFound();
  redirect(`/contracts/${contract.id}/delivery`);
}
