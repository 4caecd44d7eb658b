import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConversionTable } from "@/components/conversions/conversion-table";
import { ReviewQueue } from "@/components/conversions/review-queue";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardPagination, EmptyState } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { CONVERSION_STATUS_FILTERS } from "@/server/services/conversions/conversion-queries";

export const metadata: Metadata = { title: "Conversions" };

const PAGE_SIZE = 25;
const FILTER_LABELS: Record<(typeof CONVERSION_STATUS_FILTERS)[number], string> = {
  ALL: "All",
  PENDING: "Pending review",
  APPROVED: "Approved",
  REJECTED: "Rejected",
  INELIGIBLE: "Ineligible",
};

type StatusFilter = (typeof CONVERSION_STATUS_FILTERS)[number];
const isStatus = (s: string | undefined): s is StatusFilter => CONVERSION_STATUS_FILTERS.includes(s as StatusFilter);

export default async function ConversionsPage({ searchParams }: { searchParams: Promise<{ page?: string; status?: string }> }) {
  const user = await requireUser("ADVERTISER", "OPS", "FINANCE", "ADMIN");
  const params = await searchParams;
  const status: StatusFilter = isStatus(params.status) ? params.status : "ALL";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const result = await api.conversions.list({ page, pageSize: PAGE_SIZE, status });
  const hrefFor = (p: number, s: StatusFilter = status) => `/conversions?${new URLSearchParams({ ...(s !== "ALL" && { status: s }), page: String(p) })}`;
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  return (
    <>
      <PageHeader
        title="Conversions"
        description={
          user.role === "ADVERTISER"
            ? "Your reported conversions, whether they count for billing, and why not when they don't."
            : "Reported conversions with their attribution verdict and review status. Feeds post them to POST /api/v1/conversions."
        }
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
            {CONVERSION_STATUS_FILTERS.map((s) => (
              <Link
                key={s}
                href={hrefFor(1, s)}
                aria-current={s === status ? "page" : undefined}
                className={`rounded-full px-3 py-1 text-sm font-medium ${s === status ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
              >
                {FILTER_LABELS[s]}
              </Link>
            ))}
          </nav>
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={status === "ALL" ? "No conversions yet" : `No ${FILTER_LABELS[status].toLowerCase()} conversions`}
            description={status === "ALL" ? "Conversions appear here once the attribution feed reports them." : "Try another status."}
          />
        ) : user.role === "OPS" ? (
          <ReviewQueue conversions={result.items} />
        ) : (
          <ConversionTable conversions={result.items} />
        )}
        <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => hrefFor(p)} />
      </Card>
    </>
  );
}
