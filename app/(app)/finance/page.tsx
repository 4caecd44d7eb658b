import type { Metadata } from "next";
import Link from "next/link";
import { RecentActivityCard } from "@/components/audit/recent-activity-card";
import { ApprovalQueueList } from "@/components/contracts/approval-queue-list";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, Stat } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Finance" };

export default async function FinanceDashboard() {
  const user = await requireUser("FINANCE");
  const [summary, activity, queue] = await Promise.all([api.dashboard.summary(), api.audit.list({ page: 1, pageSize: 8 }), api.contracts.approvalQueue()]);
  return (
    <>
      <PageHeader title="Finance" description={`Good to see you, ${user.name}.`} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Advertisers" value={summary.advertisers} />
        <Stat label="Advertiser users" value={summary.advertiserUsers} />
        <Stat label="Changes in 24 h" value={summary.auditEntries24h ?? 0} hint="audit log entries" />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Approval queue" description="Contract versions waiting for a finance decision, oldest first." />
          <CardBody>
            <ApprovalQueueList items={queue.slice(0, 4)} compact />
            {queue.length > 0 && (
              <Link href="/approvals" className="mt-4 inline-block text-sm font-medium text-indigo-700 hover:underline">
                {queue.length > 4 ? `All ${queue.length} waiting versions →` : "Open the approval queue →"}
              </Link>
            )}
          </CardBody>
        </Card>
        <RecentActivityCard entries={activity.items} />
        <Card>
          <CardHeader title="Partner payouts" description="Draft each month's partner statements, approve them, record them paid, and watch the margin they leave." />
          <CardBody className="flex flex-wrap gap-x-6 gap-y-2">
            <Link href="/payouts" className="text-sm font-medium text-indigo-700 hover:underline">
              Open payouts →
            </Link>
            <Link href="/payouts/margins" className="text-sm font-medium text-indigo-700 hover:underline">
              Margins by partner and contract →
            </Link>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
