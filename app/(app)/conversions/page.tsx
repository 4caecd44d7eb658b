import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ConversionFilterForm, readConversionFilters, type ConversionFilterSearchParams } from "@/components/conversions/conversion-filters";
import { ConversionTable } from "@/components/conversions/conversion-table";
import { ReviewQueue } from "@/components/conversions/review-queue";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardPagination, EmptyState, FilterPills } from "@/components/ui";
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
  OVER_CAP: "Over cap",
};

type StatusFilter = (typeof CONVERSION_STATUS_FILTERS)[number];
const isStatus = (s: string | undefined): s is StatusFilter => CONVERSION_STATUS_FILTERS.includes(s as StatusFilter);

export default async function ConversionsPage({ searchParams }: { searchParams: Promise<ConversionFilterSearchParams & { page?: string; status?: string }> }) {
  const user = await requireUser("ADVERTISER", "OPS", "FINANCE", "ADMIN");
  const params = await searchParams;
  const status: StatusFilter = isStatus(params.status) ? params.status : "ALL";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  // Invalid filter values are left out of the query and shown on their field, never an error page.
  const { values, filters, errors } = readConversionFilters(params);
  const filtered = Object.keys(filters).length > 0;
  const result = await api.conversions.list({ page, pageSize: PAGE_SIZE, status, ...filters });
  const hrefFor = (p: number, s: StatusFilter = status) => `/conversions?${new URLSearchParams({ ...(s !== "ALL" && { status: s }), ...values, page: String(p) })}`;
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
        actions={
          user.role === "OPS" && (
            <Link href="/conversions/import" className={buttonClasses()}>
              Import CSV
            </Link>
          )
        }
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <FilterPills label="Filter by status" options={CONVERSION_STATUS_FILTERS} current={status} hrefFor={(s) => hrefFor(1, s)} labelOf={(s) => FILTER_LABELS[s]} />
          <div className="mt-4">
            <ConversionFilterForm values={values} errors={errors} status={status === "ALL" ? null : status} />
          </div>
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={filtered ? "No conversions match these filters" : status === "ALL" ? "No conversions yet" : `No ${FILTER_LABELS[status].toLowerCase()} conversions`}
            description={filtered ? "Try other filters, or clear them." : status === "ALL" ? "Conversions appear here once the attribution feed reports them." : "Try another status."}
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
