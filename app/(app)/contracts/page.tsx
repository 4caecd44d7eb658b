import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ContractFilters } from "@/components/contracts/contract-filters";
import { ContractTable } from "@/components/contracts/contract-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, EmptyState, CardPagination } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { CONTRACT_STATUSES, type ContractStatus } from "@/server/domain/contracts/version-lifecycle";

export const metadata: Metadata = { title: "Contracts" };

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isStatus = (value: string | undefined): value is ContractStatus => (CONTRACT_STATUSES as readonly string[]).includes(value ?? "");

export default async function ContractsPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string; status?: string; advertiser?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const params = await searchParams;
  const staff = user.role !== "ADVERTISER";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const filters = {
    q: params.q?.trim().slice(0, 100) || undefined,
    status: isStatus(params.status) ? params.status : undefined,
    advertiser: staff && UUID.test(params.advertiser ?? "") ? params.advertiser : undefined,
  };
  const [result, advertisers] = await Promise.all([
    api.contracts.list({ page, pageSize: PAGE_SIZE, search: filters.q, status: filters.status, advertiserId: filters.advertiser }),
    staff ? api.advertisers.list({ page: 1, pageSize: 100 }) : null,
  ]);
  const present = Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) as Record<string, string>;
  const hrefFor = (p: number) => `/contracts?${new URLSearchParams({ ...present, page: String(p) })}`;
  // A stale link past the last page (e.g. after narrowing a filter) lands on the last page instead.
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  const filtered = Object.keys(present).length > 0;
  const canCreate = user.role === "OPS";
  return (
    <>
      <PageHeader
        title="Contracts"
        description={
          staff
            ? `${result.total} ${filtered ? "matching " : ""}contract${result.total === 1 ? "" : "s"}, newest first.`
            : "Your agreements with us: their terms, versions and renewals."
        }
        actions={
          canCreate && (
            <Link href="/contracts/new" className={buttonClasses()}>
              New contract
            </Link>
          )
        }
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <ContractFilters values={filters} advertisers={advertisers?.items ?? null} />
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={filtered ? "No contracts match these filters" : "No contracts yet"}
            description={filtered ? "Try another number, title, status or advertiser." : canCreate ? "Create the first contract for an advertiser." : "Contracts appear here once they are written."}
            action={
              canCreate &&
              !filtered && (
                <Link href="/contracts/new" className={buttonClasses({ variant: "secondary" })}>
                  New contract
                </Link>
              )
            }
          />
        ) : (
          <ContractTable contracts={result.items} showAdvertiser={staff} />
        )}
        <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
