import type { Metadata } from "next";
import Link from "next/link";
import { ContractStatusBadge } from "@/components/contracts/status-badges";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, EmptyState, Stat } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Dashboard" };

export default async function AdvertiserDashboard() {
  const user = await requireUser("ADVERTISER");
  const [advertiser, contracts] = await Promise.all([orNotFound(api.advertisers.byId({ id: user.advertiserId! })), api.contracts.list({ page: 1, pageSize: 5 })]);
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
            {contracts.items.length === 0 ? (
              <EmptyState title="No contracts yet" description="Signed contracts, their versions and upcoming renewals will be listed here." />
            ) : (
              <>
                <ul className="divide-y divide-slate-100">
                  {contracts.items.map((c) => (
                    <li key={c.id} className="flex items-center justify-between gap-4 py-2.5 first:pt-0">
                      <span className="min-w-0">
                        <Link href={`/contracts/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                          {c.number}
                        </Link>{" "}
                        <span className="text-slate-700">{c.title}</span>
                        <span className="block text-sm text-slate-500 tabular-nums">
                          {c.termStart} – {c.termEnd}
                        </span>
                      </span>
                      <ContractStatusBadge status={c.status} />
                    </li>
                  ))}
                </ul>
                <p className="mt-3 flex gap-4 text-sm font-medium">
                  <Link href="/contracts" className="text-indigo-700 hover:underline">
                    {contracts.total > contracts.items.length ? `All ${contracts.total} contracts →` : "All contracts →"}
                  </Link>
                  <Link href="/renewals" className="text-indigo-700 hover:underline">
                    Upcoming renewals →
                  </Link>
                </p>
              </>
            )}
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
