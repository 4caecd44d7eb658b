import type { Metadata } from "next";
import Link from "next/link";
import { NewRateCardForm } from "@/components/rate-cards/new-rate-card-form";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "New rate card" };

export default async function NewRateCardPage() {
  await requireUser("OPS");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/rate-cards" className="font-medium text-indigo-700 hover:underline">
          ← Rate cards
        </Link>
      </p>
      <PageHeader title="New rate card" description="A price per inventory type. Prices are read in the currency of the contract that uses the card." />
      <NewRateCardForm today={todayIso()} />
    </>
  );
}
