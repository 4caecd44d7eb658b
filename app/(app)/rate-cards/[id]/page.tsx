import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CompareVersions } from "@/components/rate-cards/compare-versions";
import { versionFrom } from "@/components/rate-cards/format";
import { VersionCard, versionStanding } from "@/components/rate-cards/version-card";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Rate card" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RateCardPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const card = await orNotFound(api.rateCards.byId({ id }));
  const today = todayIso();
  const inForce = card.versions.find((v) => v.number === card.inForceVersion);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/rate-cards" className="font-medium text-indigo-700 hover:underline">
          ← Rate cards
        </Link>
      </p>
      <PageHeader
        title={card.name}
        description={
          <>
            {card.description && <span className="block">{card.description}</span>}
            {inForce ? `In force today: ${versionFrom(inForce)}.` : "No version is in force yet."} Prices are read in the currency of the contract that uses the card.
          </>
        }
        actions={
          user.role === "OPS" && (
            <Link href={`/rate-cards/${card.id}/publish`} className={buttonClasses()}>
              Publish new version
            </Link>
          )
        }
      />
      <div className="space-y-6">
        {card.versions.length > 1 && <CompareVersions versions={card.versions.map(({ number, effectiveFrom, entries }) => ({ number, effectiveFrom, entries }))} />}
        <section aria-labelledby="versions-heading" className="space-y-4">
          <h2 id="versions-heading" className="text-lg font-semibold text-slate-900">
            Versions <span className="text-sm font-normal text-slate-500">newest first</span>
          </h2>
          {card.versions.toReversed().map((v) => (
            <VersionCard key={v.id} version={v} standing={versionStanding(v, card.inForceVersion, today)} />
          ))}
        </section>
      </div>
    </>
  );
}
