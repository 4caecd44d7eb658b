import { formatMoney, formatQuantity } from "../contracts/format";
import { cn, Table, TBody, TD, TH, THead, TR } from "../ui";
import { PAYOUT_LINE_KIND_LABELS } from "./format";

export interface StatementLine {
  id: string;
  contractId: string;
  contractNumber: string;
  kind: string;
  description: string;
  quantity: string;
  revenue: string;
  amount: string;
}

export function StatementLines({ lines, currency, total, revenue }: { lines: StatementLine[]; currency: string; total: string; revenue: string }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Contract</TH>
          <TH>Line</TH>
          <TH>Kind</TH>
          <TH numeric>Quantity</TH>
          <TH numeric>Revenue</TH>
          <TH numeric>Amount</TH>
        </TR>
      </THead>
      <TBody>
        {lines.map((l) => (
          <TR key={l.id} className={cn(l.kind === "REVERSAL" && "bg-amber-50/40")}>
            <TD className="whitespace-nowrap font-mono text-xs">{l.contractNumber || "—"}</TD>
            <TD>{l.description}</TD>
            <TD className="whitespace-nowrap">{PAYOUT_LINE_KIND_LABELS[l.kind] ?? l.kind}</TD>
            <TD numeric>{formatQuantity(l.quantity)}</TD>
            <TD numeric>{formatMoney(l.revenue, currency)}</TD>
            <TD numeric className="font-medium">
              {formatMoney(l.amount, currency)}
            </TD>
          </TR>
        ))}
      </TBody>
      <tfoot className="border-t-2 border-slate-200 bg-slate-50">
        <TR>
          <TH scope="row" colSpan={4} className="text-right">
            Total
          </TH>
          <TD numeric className="font-semibold">
            {formatMoney(revenue, currency)}
          </TD>
          <TD numeric className="font-semibold">
            {formatMoney(total, currency)}
          </TD>
        </TR>
      </tfoot>
    </Table>
  );
}
