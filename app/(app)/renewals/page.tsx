import type { Metadata } from "next";
import Link from "next/link";
import { RenewalsTable } from "@/components/contracts/renewals-table";
import { RunRenewalsButton } from "@/components/contracts/run-renewals-button";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, cn, EmptyState, focusRing } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Renewals" };

const WINDOWS = [30, 60, 90] as const;
type Window = (typeof WINDOWS)[number];

export default async function RenewalsPage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const { days: daysParam } = await searchParams;
  const days: Window = WINDOWS.find((w) => String(w) === daysParam) ?? 90;
  const renewals = await api.contracts.renewals({ days });
  const staff = user.role !== "ADVERTISER";
  return (
    <>
      <PageHeader
        title="Renewals"
        description={staff ? "Active contracts whose term ends soon, and where their renewal stands." : "Your contracts ending soon, and whether they renew."}
      />
      <div className="space-y-6">
        {staff && <RunRenewalsButton />}
        <Card>
          <CardBody className="border-b border-slate-200">
            <nav aria-label="Ending within" className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-slate-700">Ending within</span>
              {WINDOWS.map((w) => (
                <Link
                  key={w}
                  href={`/renewals?days=${w}`}
                  aria-current={w === days ? "page" : undefined}
                  className={cn(
                    "rounded-md px-3 py-1.5 text-sm font-medium",
                    w === days ? "bg-indigo-50 text-indigo-700 ring-1 ring-indigo-200" : "text-slate-700 hover:bg-slate-100",
                    focusRing,
                  )}
                >
                  {w} days
                </Link>
              ))}
            </nav>
          </CardBody>
          {renewals.length === 0 ? (
            <EmptyState title={`No contracts end in the next ${days} days`} description={days < 90 ? "Try a longer window." : "Contracts appear here as their term end approaches."} />
          ) : (
            <RenewalsTable renewals={renewals} showAdvertiser={staff} />
          )}
        </Card>
      </div>
    </>
  );
}
