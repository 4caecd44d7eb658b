// Invoice lines with each line's explanation one click away ("Explain"), the review flags above them: the preview of
// what a billing run would draft today, and the lines of a stored draft or issued invoice.
import type { ReactNode } from "react";
import { formatMoney, formatQuantity } from "../contracts/format";
import { Alert, Card, CardHeader, Table, TBody, TD, TH, THead, TR } from "../ui";

interface PreviewLine {
  key: string;
  kind: string;
  description: string;
  quantity: string;
  unrounded: string;
  amount: string;
}

const KIND_LABELS: Record<string, string> = {
  RECURRING_FEE: "Fee",
  ONE_OFF_FEE: "One-off fee",
  CPM: "CPM",
  MINIMUM_TRUE_UP: "True-up",
  AGENCY_COMMISSION: "Commission",
  CPA: "CPA",
  CPA_TIER: "CPA tiers",
  CPA_CREDIT: "Credit",
  DELIVERY_ADJUSTMENT: "Adjustment",
  MANUAL: "Manual",
};

const QUANTITY_UNITS: Record<string, string> = { CPM: "impressions", RECURRING_FEE: "days", CPA: "conversions", CPA_TIER: "conversions", CPA_CREDIT: "conversions" };

const PREVIEW_DESCRIPTION = "What a billing run would draft from today's terms, rate cards, delivery and approved conversions. Nothing is saved; open a line to see how its amount was reached.";

export function DraftPreview({
  title,
  description = PREVIEW_DESCRIPTION,
  currency,
  lines,
  total,
  explanations,
  flagSummaries,
  lineActions = {},
}: {
  title: string;
  description?: string;
  currency: string;
  lines: PreviewLine[];
  total: string;
  explanations: Record<string, string[]>;
  flagSummaries: string[];
  /** A control beside some lines (removing a draft's manual line), by line key. */
  lineActions?: Record<string, ReactNode>;
}) {
  const withActions = Object.keys(lineActions).length > 0;
  return (
    <Card>
      <CardHeader title={title} description={description} />
      {flagSummaries.length > 0 && (
        <div className="border-b border-slate-200 px-4 py-3 sm:px-6">
          <Alert tone="warning" title="For finance review">
            <ul className="list-disc space-y-1 pl-5">
              {flagSummaries.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
      <Table>
        <THead>
          <TR>
            <TH>Line</TH>
            <TH numeric>Quantity</TH>
            <TH numeric>Amount</TH>
            {withActions && <TH className="sr-only">Actions</TH>}
          </TR>
        </THead>
        <TBody>
          {lines.map((line) => (
            <TR key={line.key}>
              <TD>
                <details>
                  <summary className="cursor-pointer">
                    <span className="mr-2 text-xs font-medium uppercase tracking-wide text-slate-500">{KIND_LABELS[line.kind] ?? line.kind}</span>
                    {line.description}
                    <span className="ml-2 text-xs font-medium text-indigo-700">Explain</span>
                  </summary>
                  <ol className="mt-2 list-decimal space-y-1 pl-5 text-xs text-slate-600">
                    {(explanations[line.key] ?? []).map((step, i) => (
                      <li key={i} className="whitespace-pre-wrap">
                        {step.trim()}
                      </li>
                    ))}
                  </ol>
                </details>
              </TD>
              <TD numeric className="whitespace-nowrap">
                {QUANTITY_UNITS[line.kind] ? `${formatQuantity(line.quantity)} ${QUANTITY_UNITS[line.kind]}` : ""}
              </TD>
              <TD numeric className="whitespace-nowrap">
                {formatMoney(line.amount, currency)}
              </TD>
              {withActions && <TD className="text-right">{lineActions[line.key]}</TD>}
            </TR>
          ))}
          <TR>
            <TD className="font-semibold">Total</TD>
            <TD />
            <TD numeric className="whitespace-nowrap font-semibold">
              {formatMoney(total, currency)}
            </TD>
            {withActions && <TD />}
          </TR>
        </TBody>
      </Table>
    </Card>
  );
}
