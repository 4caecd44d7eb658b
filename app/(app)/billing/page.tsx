import type { Metadata } from "next";
import { RunProgress } from "@/components/billing/run-progress";
import { StartRunForm } from "@/components/billing/start-run-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { periodOf, shiftPeriod } from "@/server/domain/billing/billing-period";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Billing runs" };

export default async function BillingRunsPage() {
  const user = await requireUser("FINANCE", "ADMIN");
  const runs = await api.billing.runs({});
  const canRun = user.role === "FINANCE";
  return (
    <>
      <PageHeader
        title="Billing runs"
        description="A run drafts the month's invoice for every contract in force, on the background queue shared by every worker, then the month's partner payout statements."
      />
      {canRun && (
        <Card className="mb-6">
          <CardHeader title="Start a run" description="Last month by default. Running a month again replaces its drafts and leaves issued invoices alone." />
          <CardBody>
            <StartRunForm defaultPeriod={shiftPeriod(periodOf(todayIso()), -1)} />
          </CardBody>
        </Card>
      )}
      <Card>
        <CardHeader title="Recent runs" description="Progress updates live while a run is working." />
        {runs.length === 0 ? (
          <EmptyState title="No billing runs yet" description={canRun ? "Start one above." : "Finance starts billing runs."} />
        ) : (
          <div className="divide-y divide-slate-200">
            {runs.map((run) => (
              <RunProgress key={run.id} initial={run} canRetry={canRun} />
            ))}
          </div>
        )}
      </Card>
    </>
  );
}
