import type { RouterOutputs } from "@/app/_trpc/react";
import { ContractCell } from "./contract-cell";
import { Table, TBody, TD, TH, THead, TR } from "../ui";
import { versionLabel } from "./format";
import { ContractStatusBadge, VersionStatusBadge } from "./status-badges";

type ContractRow = RouterOutputs["contracts"]["list"]["items"][number];

export function ContractTable({ contracts, showAdvertiser }: { contracts: ContractRow[]; showAdvertiser: boolean }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Contract</TH>
          {showAdvertiser && <TH>Advertiser</TH>}
          <TH>Term</TH>
          <TH>Status</TH>
          <TH>Latest version</TH>
        </TR>
      </THead>
      <TBody>
        {contracts.map((c) => (
          <TR key={c.id}>
            <TD>
              <ContractCell id={c.id} number={c.number} title={c.title} />
            </TD>
            {showAdvertiser && <TD>{c.advertiserName}</TD>}
            <TD className="whitespace-nowrap tabular-nums">
              {c.termStart} – {c.termEnd}
              <div className="text-xs text-slate-500">
                {c.currency} · net {c.paymentTermsDays} days
              </div>
            </TD>
            <TD>
              <ContractStatusBadge status={c.status} />
            </TD>
            <TD>
              {c.latestVersion ? (
                <span className="flex items-center gap-2">
                  <span className="text-slate-600">{versionLabel(c.latestVersion.number)}</span>
                  <VersionStatusBadge status={c.latestVersion.status} />
                </span>
              ) : (
                <span className="text-slate-400">—</span>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
