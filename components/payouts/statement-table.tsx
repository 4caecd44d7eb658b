import Link from "next/link";
import { periodLabel } from "@/server/domain/billing/billing-period";
import type { PayoutStatus } from "@/server/domain/payouts/payout-statement";
import { formatMoney } from "../contracts/format";
import { cn, Table, TBody, TD, TH, THead, TR } from "../ui";
import { isLoss, marginOf } from "./format";
import { PayoutStatusBadge } from "./status-badge";

export interface StatementListItem {
  id: string;
  partnerKey: string;
  partnerName: string;
  period: string;
  currency: string;
  status: PayoutStatus;
  total: string;
  revenue: string;
  lineCount: number;
}

export function StatementTable({ statements }: { statements: StatementListItem[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Partner</TH>
          <TH>Period</TH>
          <TH>Currency</TH>
          <TH>Status</TH>
          <TH numeric>Revenue</TH>
          <TH numeric>Payout</TH>
          <TH numeric>Margin</TH>
          <TH numeric>Lines</TH>
        </TR>
      </THead>
      <TBody>
        {statements.map((s) => {
          const margin = marginOf(s.revenue, s.total);
          return (
            <TR key={s.id}>
              <TD>
                <Link href={`/payouts/${s.id}`} className="font-medium text-indigo-700 hover:underline">
                  {s.partnerName}
                </Link>
                <span className="block font-mono text-xs text-slate-500">{s.partnerKey}</span>
              </TD>
              <TD className="whitespace-nowrap">{periodLabel(s.period)}</TD>
              <TD>{s.currency}</TD>
              <TD>
                <PayoutStatusBadge status={s.status} />
              </TD>
              <TD numeric>{formatMoney(s.revenue, s.currency)}</TD>
              <TD numeric className="font-medium">
                {formatMoney(s.total, s.currency)}
              </TD>
              <TD numeric className={cn(isLoss(margin) && "text-red-700")}>
                {formatMoney(margin, s.currency)}
              </TD>
              <TD numeric>{s.lineCount}</TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
