import type { InvoiceStatus } from "@/server/domain/invoices/invoice-lifecycle";
import { Badge, type BadgeTone } from "../ui";

const STATUS: Record<InvoiceStatus, { label: string; tone: BadgeTone }> = {
  DRAFT: { label: "Draft", tone: "neutral" },
  ISSUED: { label: "Issued", tone: "indigo" },
  PARTIALLY_PAID: { label: "Partially paid", tone: "amber" },
  PAID: { label: "Paid", tone: "green" },
  VOID: { label: "Void", tone: "red" },
  UNCOLLECTIBLE: { label: "Uncollectible", tone: "red" },
};

export const INVOICE_STATUS_LABELS = Object.fromEntries(Object.entries(STATUS).map(([k, v]) => [k, v.label])) as Record<InvoiceStatus, string>;

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <Badge tone={STATUS[status].tone}>{STATUS[status].label}</Badge>;
}
