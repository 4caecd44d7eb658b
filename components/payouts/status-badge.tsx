import type { PayoutStatus } from "@/server/domain/payouts/payout-statement";
import { Badge, type BadgeTone } from "../ui";

const PAYOUT_STATUS: Record<PayoutStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  APPROVED: { label: "Approved", tone: "indigo" },
  PAID: { label: "Paid", tone: "green" },
};

export const PAYOUT_STATUS_LABELS = Object.fromEntries(Object.entries(PAYOUT_STATUS).map(([k, v]) => [k, v.label])) as Record<PayoutStatus, string>;

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return <Badge tone={PAYOUT_STATUS[status].tone}>{PAYOUT_STATUS[status].label}</Badge>;
}
