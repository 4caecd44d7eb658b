// `tally preview` as text: the draft invoice a billing run would produce for one contract and month, each line
// followed by its explanation, then the flags finance would review.
import { periodLabel } from "../domain/billing/billing-period";
import { formatAmount, groupDigits } from "../domain/money";
import type { ContractPeriodPreview } from "../services/billing/preview-contract-period";

const WIDTH = 100;

export function formatPreview(preview: ContractPeriodPreview): string[] {
  const { contract, draft } = preview;
  const amount = (value: string) => groupDigits(formatAmount(value, contract.currency));
  const row = (left: string, right: string) => `${left}${" ".repeat(Math.max(2, WIDTH - left.length - right.length))}${right}`;
  const out = [
    "Draft invoice preview (nothing was saved)",
    `${contract.number} · ${contract.title} · ${periodLabel(preview.period)} (${preview.from} to ${preview.to}) · ${contract.currency} · rounding ${contract.roundingMode === "HALF_EVEN" ? "half-even" : "half-up"}`,
    "",
  ];
  if (draft.lines.length === 0) out.push("No lines: the contract has no terms in force in this period.");
  for (const line of draft.lines) {
    out.push(row(line.description, amount(line.amount)));
    for (const step of preview.explanations[line.key]) out.push(`    ${step}`);
  }
  out.push("", row("Total", `${amount(draft.total)} ${contract.currency}`));
  if (draft.flags.length > 0) {
    out.push("", "For finance review:");
    for (const summary of preview.flagSummaries) out.push(`  ! ${summary}`);
  }
  return out;
}
