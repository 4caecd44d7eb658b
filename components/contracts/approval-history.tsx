import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, EmptyState, Table, TBody, TD, TH, THead, TR } from "../ui";

type Decision = RouterOutputs["contracts"]["version"]["decisions"][number];

/** Every decision on a version, by submission round: who, what, why, when. */
export function ApprovalHistory({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return <EmptyState title="No decisions yet" description="Approvals and rejections are recorded here with their comments." />;
  return (
    <Table>
      <THead>
        <TR>
          <TH>Round</TH>
          <TH>Approver</TH>
          <TH>Decision</TH>
          <TH>Comment</TH>
          <TH>When (UTC)</TH>
        </TR>
      </THead>
      <TBody>
        {decisions.map((d) => (
          <TR key={d.id}>
            <TD className="tabular-nums">{d.round}</TD>
            <TD>
              <div className="font-medium">{d.approver.name}</div>
              <div className="text-xs text-slate-500">{d.approver.email}</div>
            </TD>
            <TD>{d.decision === "APPROVE" ? <Badge tone="green">Approved</Badge> : <Badge tone="red">Rejected</Badge>}</TD>
            <TD className="max-w-md whitespace-pre-line">{d.comment ?? <span className="text-slate-400">—</span>}</TD>
            <TD>
              <UtcTime value={d.createdAt} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
