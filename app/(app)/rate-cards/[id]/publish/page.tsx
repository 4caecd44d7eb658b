import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { versionLabel } from "@/components/contracts/format";
import { PublishVersionForm } from "@/components/rate-cards/publish-version-form";
import { PageHeader } from "@/components/shell/page-header";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Publish rate card version" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PublishRateCardVersionPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("OPS");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const card = await orNotFound(api.rateCards.byId({ id }));
  const latest = card.versions.at(-1);
  if (!latest) notFound();
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/rate-cards/${card.id}`} className="font-medium text-indigo-700 hover:underline">
          ← {card.name}
        </Link>
      </p>
      <PageHeader
        title={`Publish ${versionLabel(latest.number + 1)} of ${card.name}`}
        description={`Starts from the entries of ${versionLabel(latest.number)}. Contracts pick the new prices up from its effective date.`}
      />
      <PublishVersionForm rateCardId={card.id} basis={{ number: latest.number, entries: latest.entries }} today={todayIso()} />
    </>
  );
}
