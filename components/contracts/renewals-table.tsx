import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { ContractCell } from "./contract-cell";
import { Badge, type BadgeTone, Table, TBody, TD, TH, THead, TR } from "../ui";
import { renewalStateText } from "./renewal-state";

type Renewal = RouterOutputs["contracts"]["renewals"][number];

const STATE_TONES: Record<string, BadgeTone> = {
  WILL_EXPIRE: "neutral",
  NOTICE_NOT_OPEN: "neutral",
  RENEWAL_DUE: "amber",
  RENEWAL_PENDING_APPROVAL: "indigo",
  RENEWAL_APPROVED: "green",
  RENEWAL_REJECTED: "red",
};

export function RenewalsTable({ renewals, showAdvertiser }: { renewals: Renewal[]; showAdvertiser: boolean }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Contract</TH>
          {showAdvertiser && <TH>Advertiser</TH>}
          <TH>Term ends</TH>
          <TH numeric>Days left</TH>
          <TH>Auto-renew</TH>
          <TH>Renewal</TH>
        </TR>
      </THead>
      <TBody>
        {renewals.map((r) => (
          <TR key={r.contractId}>
            <TD>
              <ContractCell id={r.contractId} number={r.number} title={r.title} />
            </TD>
            {showAdvertiser && <TD>{r.advertiserName}</TD>}
            <TD className="tabular-nums">{r.termEnd}</TD>
            <TD numeric>{r.daysLeft}</TD>
            <TD>{r.autoRenew ? "Yes" : "No"}</TD>
            <TD>
              <span className="flex flex-wrap items-center gap-2">
                <Badge tone={STATE_TONES[r.state] ?? "neutral"}>{renewalStateText(r.state, r.noticeOpensOn)}</Badge>
                {r.renewalVersionId && (
                  <Link href={`/contracts/${r.contractId}/versions/${r.renewalVersionId}`} className="text-sm font-medium text-indigo-700 hover:underline">
                    View renewal
                  </Link>
                )}
              </span>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
