import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuditFilters, type AuditFilterValues } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainButton } from "@/components/audit/verify-chain-button";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, EmptyState, CardPagination } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { AUDIT_ACTIONS } from "@/server/services/audit/audit-actions";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 50;
const ENTITY_TYPES = [...new Set(Object.values(AUDIT_ACTIONS))].sort();

type Params = AuditFilterValues & { page?: string };

/** Trimmed and cut to the length the procedure accepts; empty means no filter. */
const param = (value: string | undefined, max: number) => value?.trim().slice(0, max) || undefined;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const user = await requireUser("FINANCE", "ADMIN");
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const filters = { action: param(params.action, 64), entityType: param(params.entityType, 64), entityId: param(params.entityId, 128) };
  const result = await api.audit.list({ page, pageSize: PAGE_SIZE, ...filters });
  const present = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  const hrefFor = (p: number) => `/audit?${new URLSearchParams({ ...present, page: String(p) })}`;
  // A stale link past the last page (entries are newest first, so pages shift) lands on the last page instead.
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  const filtered = Object.keys(present).length > 0;
  return (
    <>
      <PageHeader
        title="Audit log"
        description={`${result.total.toLocaleString("en")} ${filtered ? "matching " : ""}entr${result.total === 1 ? "y" : "ies"}, newest first. Every change, by whom and through which channel.`}
      />
      {user.role === "ADMIN" && (
        <Card className="mb-6">
          <CardHeader title="Chain integrity" description="Each entry is hashed together with the one before it; verification recomputes every link." />
          <CardBody>
            <VerifyChainButton />
          </CardBody>
        </Card>
      )}
      <Card>
        <CardBody className="border-b border-slate-200">
          <AuditFilters values={filters} entityTypes={ENTITY_TYPES} />
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={filtered ? "No entries match these filters" : "No entries yet"}
            description={filtered ? "Try a shorter action prefix or another entity." : "Changes made by people, API clients and jobs appear here."}
          />
        ) : (
          <AuditTable entries={result.items} />
        )}
        <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
