import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardHeader, EmptyState, Stat } from "@/components/ui";
import { AdvertiserTable } from "@/components/advertisers/advertiser-table";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Operations" };

export default async function OpsDashboard() {
  const user = await requireUser("OPS");
  const [summary, recent] = await Promise.all([api.dashboard.summary(), api.advertisers.list({ page: 1, pageSize: 5 })]);
  return (
    <>
      <PageHeader
        title="Operations"
        description={`Good to see you, ${user.name}.`}
        actions={<Link href="/advertisers" className={buttonClasses({ variant: "secondary" })}>All advertisers</Link>}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Stat label="Advertisers" value={summary.advertisers} />
        <Stat label="Advertiser users" value={summary.advertiserUsers} hint="active sign-ins on customer accounts" />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Advertisers" description="Most recent accounts, alphabetically." />
          <CardBody className="p-0">
            <AdvertiserTable items={recent.items} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Delivery imports" />
          <CardBody>
            <EmptyState title="Nothing imported yet" description="Delivery files and API batches will be listed here with their status." />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
