import type { Metadata } from "next";
import Link from "next/link";
import { RateCardTable } from "@/components/rate-cards/rate-card-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, EmptyState } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Rate cards" };

export default async function RateCardsPage() {
  const user = await requireUser("OPS", "FINANCE", "ADMIN");
  const cards = await api.rateCards.list();
  const canCreate = user.role === "OPS";
  const newCard = (variant: "primary" | "secondary") => (
    <Link href="/rate-cards/new" className={buttonClasses({ variant })}>
      New rate card
    </Link>
  );
  return (
    <>
      <PageHeader title="Rate cards" description="Versioned CPM price lists by inventory type. Contract lines priced from a card pay the version in force on each day." actions={canCreate && newCard("primary")} />
      <Card>
        {cards.length === 0 ? (
          <EmptyState
            title="No rate cards yet"
            description={canCreate ? "Create the first card: a price per inventory type, from a date." : "Rate cards appear here once ops publishes them."}
            action={canCreate && newCard("secondary")}
          />
        ) : (
          <RateCardTable cards={cards} />
        )}
      </Card>
    </>
  );
}
