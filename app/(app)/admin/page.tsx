import type { Metadata } from "next";
import Link from "next/link";
import { RecentActivityCard } from "@/components/audit/recent-activity-card";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardHeader, Stat } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Administration" };

const ROLES = ["ADMIN", "FINANCE", "OPS", "ADVERTISER"] as const;

export default async function AdminDashboard() {
  await requireUser("ADMIN");
  const [summary, activity] = await Promise.all([api.dashboard.summary(), api.audit.list({ page: 1, pageSize: 8 })]);
  const byRole = summary.activeUsersByRole ?? {};
  return (
    <>
      <PageHeader
        title="Administration"
        description="Users, machine access and the integrity of the audit log."
        actions={
          <>
            <Link href="/admin/users" className={buttonClasses({ variant: "secondary" })}>Manage users</Link>
            <Link href="/admin/api-keys" className={buttonClasses({ variant: "secondary" })}>API keys</Link>
          </>
        }
      />
      <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6">
        {ROLES.map((role) => (
          <Stat key={role} label={`${role.charAt(0)}${role.slice(1).toLowerCase()} users`} value={byRole[role] ?? 0} />
        ))}
        <Stat label="Active API keys" value={summary.activeApiKeys ?? 0} />
        <Stat label="Advertisers" value={summary.advertisers} />
      </div>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Audit chain" description="Every change is hash-chained; verification recomputes every link." />
          <CardBody>
            <VerifyChainButton />
          </CardBody>
        </Card>
        <RecentActivityCard entries={activity.items} />
      </div>
    </>
  );
}
