import type { ContractStatus, VersionStatus } from "@/server/domain/contracts/version-lifecycle";
import { Badge, type BadgeTone } from "../ui";

const CONTRACT_STATUS: Record<ContractStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  ACTIVE: { label: "Active", tone: "green" },
  TERMINATED: { label: "Terminated", tone: "red" },
  EXPIRED: { label: "Expired", tone: "amber" },
};

const VERSION_STATUS: Record<VersionStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  PENDING_APPROVAL: { label: "Awaiting approval", tone: "amber" },
  APPROVED: { label: "Approved", tone: "green" },
  REJECTED: { label: "Rejected", tone: "red" },
};

export const CONTRACT_STATUS_LABELS = Object.fromEntries(Object.entries(CONTRACT_STATUS).map(([k, v]) => [k, v.label])) as Record<ContractStatus, string>;

export function ContractStatusBadge({ status }: { status: ContractStatus }) {
  return <Badge tone={CONTRACT_STATUS[status].tone}>{CONTRACT_STATUS[status].label}</Badge>;
}

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return <Badge tone={VERSION_STATUS[status].tone}>{VERSION_STATUS[status].label}</Badge>;
}
