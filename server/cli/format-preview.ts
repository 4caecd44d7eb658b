// `tally preview` and `tally explain` as text: an invoice's lines (the preview of a draft, or a stored invoice), each
// followed by its explanation, then the flags finance would review.
import { periodLabel } from "../domain/billing/billing-period";
import { formatAmount, groupDigits } from "../domain/money";
import type { ContractPeriodPreview } from "../services/billing/preview-contract-period";
import type { InvoiceDetail } from "../services/invoices/invoice-queries";

const WIDTH = 100;

interface LinesText {
  heading: string[];
  currency: string;
  lines: Array<{ description: string; amount: string; explanation: string[] }>;
  total: string;
  flags: string[];
}

function formatLines({ heading, currency, lines, total, flags }: LinesText): string[] {
  const amount = (value: string) => groupDigits(formatAmount(value, currency));
  const row = (left: string, right: string) => `${left}${" ".repeat(Math.max(2, WIDTH - left.length - right.length))}${right}`;
  const out = [...heading, ""];
  if (lines.length === 0) out.push("No lines: the contract has no terms in force in this period.");
  for (const line of lines) {
    out.push(row(line.description, amount(line.amount)));
    for (const step of line.explanation) out.push(`    ${step}`);
  }
  out.push("", row("Total", `${amount(total)} ${currency}`));
  if (flags.length > 0) {
    out.push("", "For finance review:");
    for (const summary of flags) out.push(`  ! ${summary}`);
  }
  return out;
}

export function formatPreview(preview: ContractPeriodPreview): string[] {
  const { contract, draft } = preview;
  return formatLines({
    heading: [
      "Draft invoice preview (nothing was saved)",
      `${contract.number} · ${contract.title} · ${periodLabel(preview.period)} (${preview.from} to ${preview.to}) · ${contract.currency} · rounding ${contract.roundingMode === "HALF_EVEN" ? "half-even" : "half-up"}`,
    ],
    currency: contract.currency,
    lines: draft.lines.map((l) => ({ description: l.description, amount: l.amount, explanation: preview.explanations[l.key] })),
    total: draft.total,
    flags: preview.flagSummaries,
  });
}

export function formatInvoice(invoice: InvoiceDetail): string[] {
  const status = invoice.status === "DRAFT" ? "draft" : `${invoice.status.toLowerCase().replace("_", " ")}, issued ${invoice.issuedAt?.toISOString().slice(0, 10)}, due ${invoice.dueDate}`;
  return formatLines({
    heading: [`${invoice.number ?? "Draft invoice"} (${status})`, `${invoice.advertiser} · ${invoice.contract.number} · ${invoice.contract.title} · ${periodLabel(invoice.period)} · ${invoice.currency}`],
    currency: invoice.currency,
    lines: invoice.lines,
    total: invoice.total,
    flags: invoice.status === "DRAFT" ? invoice.flags.map((f) => f.message) : [],
  });
}
