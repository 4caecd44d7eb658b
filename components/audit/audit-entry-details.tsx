import type { ReactNode } from "react";

export interface AuditEntryDetailsProps {
  id: string;
  entityId: string;
  actorId: string | null;
  requestId: string | null;
  before: unknown;
  after: unknown;
  hash: string;
}

function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      <pre className="mt-1 max-h-80 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs text-slate-800">
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-semibold tracking-wide text-slate-600 uppercase">{term}</dt>
      <dd className="mt-0.5 font-mono text-xs break-all text-slate-800">{children}</dd>
    </div>
  );
}

export function AuditEntryDetails({ id, entityId, actorId, requestId, before, after, hash }: AuditEntryDetailsProps) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 md:grid-cols-2">
        <Json title="Before" value={before} />
        <Json title="After" value={after} />
      </div>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Fact term="Entry">#{id}</Fact>
        <Fact term="Entity id">{entityId}</Fact>
        <Fact term="Actor id">{actorId ?? "—"}</Fact>
        <Fact term="Request id">{requestId ?? "—"}</Fact>
        <div className="sm:col-span-2 lg:col-span-4">
          <Fact term="Entry hash">{hash}</Fact>
        </div>
      </dl>
    </div>
  );
}
