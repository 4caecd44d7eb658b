import type { Metadata } from "next";
import { ApprovalQueueList } from "@/components/contracts/approval-queue-list";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  await requireUser("FINANCE");
  const queue = await api.contracts.approvalQueue();
  const mine = queue.filter((q) => q.canDecide).length;
  return (
    <>
      <PageHeader
        title="Approvals"
        description={queue.length ? `${queue.length} version${queue.length === 1 ? "" : "s"} waiting, ${mine} of them for your decision. Oldest first.` : "Contract versions waiting for a finance decision."}
      />
      <Card>
        <CardBody>
          <ApprovalQueueList items={queue} />
        </CardBody>
      </Card>
    </>
  );
}
