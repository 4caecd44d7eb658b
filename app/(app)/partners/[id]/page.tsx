import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UtcTime } from "@/components/audit/utc-time";
import { DetailList, None } from "@/components/contracts/detail-list";
import { PartnerForm } from "@/components/partners/partner-form";
import { payoutInWords } from "@/components/partners/payout-in-words";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Partner" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PartnerPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const partner = await orNotFound(api.partners.byId({ id }));
  const created = (await searchParams).created === "1";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/partners" className="font-medium text-indigo-700 hover:underline">
          ← Partners
        </Link>
      </p>
      <PageHeader title={partner.name} description={<span className="font-mono">{partner.key}</span>} />
      {created && (
        <Alert tone="success" className="mb-6">
          {partner.name} was created.
        </Alert>
      )}
      {user.role === "OPS" ? (
        <PartnerForm partner={partner} />
      ) : (
        <Card>
          <CardHeader title="Partner" description="Only ops change partners." />
          <CardBody>
            <DetailList
              items={[
                { label: "Key", value: <span className="font-mono">{partner.key}</span> },
                { label: "Default payout", value: payoutInWords(partner.defaultPayout) },
                { label: "E-mail", value: partner.email ?? <None /> },
                { label: "Added (UTC)", value: <UtcTime value={partner.createdAt} /> },
                { label: "Payment details", value: partner.paymentDetails ? <span className="whitespace-pre-line">{partner.paymentDetails}</span> : <None />, wide: true },
              ]}
            />
          </CardBody>
        </Card>
      )}
    </>
  );
}
