import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatMoney } from "@/components/contracts/format";
import { AgingChart } from "@/components/invoices/aging-chart";
import { INVOICE_STATUS_LABELS, InvoiceStatusBadge } from "@/components/invoices/invoice-status";
import { RevenueChart } from "@/components/invoices/revenue-chart";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardPagination, EmptyState, FilterPills, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { roleCan } from "@/server/auth/permissions";
import { requireUser } from "@/server/auth/session";
import { periodLabel } from "@/server/domain/billing/billing-period";
import type { InvoiceStatus } from "@/server/domain/invoices/invoice-lifecycle";
import { INVOICE_STATUSES } from "@/server/services/invoices/invoice-queries";

export const metadata: Metadata = { title: "Invoices" };

const PAGE_SIZE = 25;
type Filter = InvoiceStatus | "ALL" | "FLAGGED";
const FILTERS_STAFF: Filter[] = ["ALL", "FLAGGED", ...INVOICE_STATUSES];
const FILTERS_ADVERTISER: Filter[] = ["ALL", ...INVOICE_STATUSES.filter((s) => s !== "DRAFT")];
const labelOf = (f: Filter) => (f === "ALL" ? "All" : f === "FLAGGED" ? "Drafts to review" : INVOICE_STATUS_LABELS[f]);

export default async function InvoicesPage({ searchParams }: { searchParams: Promise<{ status?: string; page?: string }> }) {
  const user = await requireUser("FINANCE", "ADMIN", "ADVERTISER");
  const staff = user.role !== "ADVERTISER";
  const filters = staff ? FILTERS_STAFF : FILTERS_ADVERTISER;
  const params = await searchParams;
  const filter: Filter = filters.includes(params.status as Filter) ? (params.status as Filter) : "ALL";
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const [result, revenue, aging] = await Promise.all([
    api.invoices.list({ page, pageSize: PAGE_SIZE, flagged: filter === "FLAGGED", ...(filter !== "ALL" && filter !== "FLAGGED" && { status: filter }) }),
    roleCan(user.role, "reports:read") ? api.reports.revenueByMonth({}) : null,
    roleCan(user.role, "reports:read") ? api.reports.receivablesAging({}) : null,
  ]);
  const hrefFor = (p: number, f: Filter = filter) => `/invoices?${new URLSearchParams({ ...(f !== "ALL" && { status: f }), ...(p > 1 && { page: String(p) }) })}`;
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  return (
    <>
      <PageHeader
        title="Invoices"
        description={staff ? "Drafts from billing runs, with their review flags, and issued invoices. Open one to see every line explained." : "Your invoices: what each line is for, and when it is due."}
      />
      {revenue && aging && (
        <section aria-label="Finance reports" className="mb-6 grid items-start gap-6 lg:grid-cols-2">
          <RevenueChart currencies={revenue.currencies} endPeriod={revenue.endPeriod} months={revenue.months} />
          <AgingChart currencies={aging.currencies} asOf={aging.asOf} />
        </section>
      )}
      <Card>
        <CardBody className="border-b border-slate-200">
          <FilterPills label="Filter by status" options={filters} current={filter} hrefFor={(f) => hrefFor(1, f)} labelOf={labelOf} />
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={filter === "ALL" ? "No invoices yet" : `No invoices: ${labelOf(filter).toLowerCase()}`}
            description={staff ? "Billing runs write draft invoices; start one from Billing runs." : "Invoices appear here once they are issued."}
          />
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Invoice</TH>
                <TH>Contract</TH>
                {staff && <TH>Advertiser</TH>}
                <TH>Period</TH>
                <TH>Status</TH>
                <TH numeric>Total</TH>
                <TH numeric>Balance due</TH>
                <TH>Due</TH>
              </TR>
            </THead>
            <TBody>
              {result.items.map((i) => (
                <TR key={i.id}>
                  <TD>
                    <Link href={`/invoices/${i.id}`} className="font-medium text-indigo-700 hover:underline">
                      {i.number ?? "Draft"}
                    </Link>
                    {i.status === "DRAFT" && i.flagCount > 0 && <span className="ml-2 text-xs text-amber-700">{i.flagCount} flag{i.flagCount === 1 ? "" : "s"}</span>}
                  </TD>
                  <TD>
                    <span className="font-mono text-xs">{i.contract.number}</span> <span className="text-slate-600">{i.contract.title}</span>
                  </TD>
                  {staff && <TD>{i.advertiser}</TD>}
                  <TD className="whitespace-nowrap">{periodLabel(i.period)}</TD>
                  <TD>
                    <InvoiceStatusBadge status={i.status} />
                  </TD>
                  <TD numeric className="whitespace-nowrap">
                    {formatMoney(i.total, i.currency)}
                  </TD>
                  <TD numeric className="whitespace-nowrap">
                    {i.status === "DRAFT" ? "—" : formatMoney(i.balanceDue, i.currency)}
                  </TD>
                  <TD className="whitespace-nowrap">{i.dueDate ?? "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
        <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => hrefFor(p)} />
      </Card>
    </>
  );
}
