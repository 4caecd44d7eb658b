import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import type { ActorType, AuditSource } from "@/server/db/generated/enums";
import { Badge, Table, TBody, TD, TH, THead, TR } from "../ui";
import { AuditEntryDetails } from "./audit-entry-details";
import { ExpandableRow } from "./expandable-row";
import { UtcTime } from "./utc-time";

type AuditRow = RouterOutputs["audit"]["list"]["items"][number];

const COLUMNS = ["Time (UTC)", "Actor", "Source", "Action", "Entity", "Reason"];

// Typed by the enums so a new actor type or source fails the build until it has a label.
const ACTOR_TYPES: Record<ActorType, string> = { USER: "User", API_KEY: "API key", SYSTEM: "System" };
const SOURCES: Record<AuditSource, string> = { WEB: "Web", API: "API", JOB: "Job", WEBHOOK: "Webhook", CLI: "CLI" };

export function AuditTable({ entries }: { entries: AuditRow[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>
            <span className="sr-only">Details</span>
          </TH>
          {COLUMNS.map((c) => (
            <TH key={c}>{c}</TH>
          ))}
        </TR>
      </THead>
      <TBody>
        {entries.map((e) => (
          <ExpandableRow key={e.id} label={`entry #${e.id}`} colSpan={COLUMNS.length + 1} details={<AuditEntryDetails {...e} />}>
            <TD>
              <UtcTime value={e.at} />
            </TD>
            <TD>
              <div className="max-w-56 truncate" title={e.actorLabel}>
                {e.actorLabel}
              </div>
              <div className="text-xs text-slate-500">{ACTOR_TYPES[e.actorType as ActorType] ?? e.actorType}</div>
            </TD>
            <TD>
              <Badge>{SOURCES[e.source as AuditSource] ?? e.source}</Badge>
            </TD>
            <TD className="font-mono text-xs whitespace-nowrap">{e.action}</TD>
            <TD className="whitespace-nowrap">
              {e.entityType}{" "}
              <Link
                href={`/audit?${new URLSearchParams({ entityType: e.entityType, entityId: e.entityId })}`}
                title={`Show every entry for ${e.entityType} ${e.entityId}`}
                className="font-mono text-xs text-indigo-700 hover:underline"
              >
                {e.entityId.slice(0, 8)}
              </Link>
            </TD>
            <TD className="max-w-72 text-slate-600">{e.reason ?? "—"}</TD>
          </ExpandableRow>
        ))}
      </TBody>
    </Table>
  );
}
