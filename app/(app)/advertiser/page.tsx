import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, EmptyState, Stat } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdvertiserDashboard() {
  const user = await requireUser("ADVERTISER");
  const advertiser = await orNotFound(api.advertisers.byId({ id: user.advertiserId! }));
  return (
    <>
      <PageHeader title={advertiser.name} description={`Welcome back, ${user.name}. Everything here concerns ${advertiser.name} only.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Billing currency" value={advertiser.currency} />
        <Stat label="Team members" value={advertiser.users.filter((u) => !u.disabledAt).length} hint="with access to this account" />
        <Stat label="Customer since" value={advertiser.createdAt.toISOString().slice(0, 10)} />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Contracts" description="Your agreements with us and the terms in force." />
          <CardBody>
            <EmptyState title="No contracts yet" description="Signed contracts, their versions and upcoming renewals will be listed here." />
          </CardBody>
        </Card>
        <Card>
          <CardHeader title="Invoices" description="Issued invoices, credit notes and balance due." />
          <CardBody>
            <EmptyState title="No invoices yet" description="Invoices appear here once they are issued, with PDF and CSV downloads." />
          </CardBody>
        </Card>
      </div>
      <p className="mt-6 text-sm text-slate-600">
        See who has access to this account on the{" "}
        <Link href={`/advertisers/${advertiser.id}`} className="font-medium text-indigo-700 hover:underline">
          account page
        </Link>
        .
      </p>
    </>
  );
}
