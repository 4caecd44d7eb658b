// One version of a rate card in its history: when it applies, why, its entries, and what it changed.
import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, Card, CardBody, CardHeader, cn, type BadgeTone } from "../ui";
import { versionLabel } from "../contracts/format";
import { EntriesView } from "./entries-view";
import { versionFrom } from "./format";

type Version = RouterOutputs["rateCards"]["byId"]["versions"][number];

export type VersionStanding = "IN_FORCE" | "SCHEDULED" | "SUPERSEDED";

const STANDING: Record<VersionStanding, { label: string; tone: BadgeTone }> = {
  IN_FORCE: { label: "In force today", tone: "indigo" },
  SCHEDULED: { label: "Scheduled", tone: "amber" },
  SUPERSEDED: { label: "Superseded", tone: "neutral" },
};

export function versionStanding(version: Version, inForceVersion: number | null, today: string): VersionStanding {
  if (version.number === inForceVersion) return "IN_FORCE";
  return version.effectiveFrom > today ? "SCHEDULED" : "SUPERSEDED";
}

export function VersionCard({ version, standing }: { version: Version; standing: VersionStanding }) {
  const { label, tone } = STANDING[standing];
  const title = versionFrom(version);
  return (
    <Card id={`version-${version.number}`} aria-label={title} role="region" className={cn(standing === "IN_FORCE" && "ring-2 ring-indigo-500")}>
      <CardHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {title}
            <Badge tone={tone}>{label}</Badge>
          </span>
        }
        description={
          <>
            Published <UtcTime value={version.createdAt} /> UTC{version.note && <span className="block text-slate-700">{version.note}</span>}
          </>
        }
      />
      <EntriesView entries={version.entries} caption={`Entries of ${versionLabel(version.number)}`} />
      {version.number > 1 && (
        <CardBody className="border-t border-slate-200">
          <h3 className="text-sm font-semibold text-slate-900">What changed from {versionLabel(version.number - 1)}</h3>
          {version.changes.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">Nothing: the same entries and prices.</p>
          ) : (
            <ul className="mt-1.5 list-disc space-y-1 pl-5 text-sm text-slate-800">
              {version.changes.map((change) => (
                <li key={change}>{change}</li>
              ))}
            </ul>
          )}
        </CardBody>
      )}
    </Card>
  );
}
