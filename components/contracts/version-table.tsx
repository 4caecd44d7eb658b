import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, Table, TBody, TD, TH, THead, TR } from "../ui";
import { formatMoney, VERSION_KIND_LABELS, versionLabel } from "./format";
import { VersionStatusBadge } from "./status-badges";

type Version = RouterOutputs["contracts"]["byId"]["versions"][number];

export function VersionTable({ contractId, currency, versions, inForceVersionId }: { contractId: string; currency: string; versions: Version[]; inForceVersionId: string | null }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Version</TH>
          <TH>Kind</TH>
          <TH>Status</TH>
          <TH>Effective from</TH>
          <TH numeric>Committed value</TH>
          <TH>Submitted / decided (UTC)</TH>
        </TR>
      </THead>
      <TBody>
        {[...versions].reverse().map((v) => (
          <TR key={v.id}>
            <TD className="whitespace-nowrap">
              <Link href={`/contracts/${contractId}/versions/${v.id}`} className="font-medium text-indigo-700 hover:underline">
                {versionLabel(v.number)}
              </Link>
              {v.id === inForceVersionId && (
                <Badge tone="indigo" className="ml-2">
                  In force
                </Badge>
              )}
            </TD>
            <TD>{VERSION_KIND_LABELS[v.kind]}</TD>
            <TD>
              <VersionStatusBadge status={v.status} />
            </TD>
            <TD className="whitespace-nowrap tabular-nums">
              {v.effectiveFrom}
              {v.renewsTermTo && <div className="text-xs text-slate-500">to {v.renewsTermTo}</div>}
            </TD>
            <TD numeric className="whitespace-nowrap">
              {v.committedValue === null ? <span className="text-slate-400">—</span> : formatMoney(v.committedValue, currency)}
            </TD>
            <TD className="text-sm">
              <UtcTime value={v.submittedAt} fallback="Not submitted" />
              {v.decidedAt && (
                <div className="text-slate-500">
                  <UtcTime value={v.decidedAt} />
                </div>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
