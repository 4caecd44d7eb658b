import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PeriodPicker } from "@/components/payouts/period-picker";
import { PrepareDraftsButton } from "@/components/payouts/prepare-drafts-button";
import { StatementTable } from "@/components/payouts/statement-table";
import { PAYOUT_STATUS_LABELS } from "@/components/payouts/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardPagination, EmptyState, FilterPills } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { periodLabel, periodOf, shiftPeriod, ZBillingPeriod } from "@/server/domain/billing/billing-period";
import { todayIso } from "@/server/domain/contracts/dates";
import type { PayoutStatus } from "@/server/domain/payouts/payout-statement";
import { PAYOUT_STATUSES } from "@/server/services/payouts/payout-queries";

export const metadata: Metadata = { title: "Payouts" };

const PAGE_SIZE = 25;
const isStatus = (s: string | undefined): s is PayoutStatus => (PAYOUT_STATUSES as readonly string[]).includes(s ?? "");

export default async function PayoutsPage({ searchParams }: { searchParams: Promise<{ period?: string; status?: string; page?: string }> }) {
  const user = await requireUser("FINANCE", "ADMIN");
  const params = await searchParams;
  // Last month by default: the month that has just closed is the one to pay.
  const requested = ZBillingPeriod.safeParse(params.period ?? "");
  const period = requested.success ? requested.data : shiftPeriod(periodOf(todayIso()), -1);
  const status = isStatus(params.status) ? params.status : undefined;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const result = await api.payouts.list({ page, pageSize: PAGE_SIZE, period, status });
  // "ALL" rather than undefined: a destructuring default would otherwise keep the current status.
  const hrefFor = ({ p = 1, month = period, s = status ?? "ALL" }: { p?: number; month?: string; s?: PayoutStatus | "ALL" }) =>
    `/payouts?${new URLSearchParams({ period: month, ...(s !== "ALL" && { status: s }), ...(p > 1 && { page: String(p) }) })}`;
  if (page > result.pageCount) redirect(hrefFor({ p: result.pageCount }));
  const canDraft = user.role === "FINANCE";
  const month = periodLabel(period);

  return (
    <>
      <PageHeader
        title="Payouts"
        description="What each partner earned, month by month, per currency. Statements are drafted, approved by finance, then recorded paid."
        actions={
          <Link href="/payouts/margins" className={buttonClasses({ variant: "secondary" })}>
            Margins
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardBody className="space-y-4">
            <PeriodPicker action="/payouts" period={period} hrefFor={(m) => hrefFor({ month: m })} keep={status ? { status } : {}} />
            {canDraft && (
              <div className="border-t border-slate-200 pt-4">
                <PrepareDraftsButton period={period} />
              </div>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardBody className="border-b border-slate-200">
            <h2 className="mb-3 text-base font-semibold text-slate-900">Statements for {month}</h2>
            <FilterPills
              label="Filter by status"
              options={["ALL", ...PAYOUT_STATUSES] as const}
              current={status ?? "ALL"}
              hrefFor={(s) => hrefFor({ s })}
              labelOf={(s) => (s === "ALL" ? "All" : PAYOUT_STATUS_LABELS[s])}
            />
          </CardBody>
          {result.items.length === 0 ? (
            <EmptyState
              title={status ? `No ${PAYOUT_STATUS_LABELS[status].toLowerCase()} statements for ${month}` : `No statements for ${month}`}
              description={
                status
                  ? "Try another status, or all of them."
                  : canDraft
                    ? `Prepare the drafts to work out what each partner earned in ${month} from the contracts' priced conversions and delivery.`
                    : "Statements appear here once finance prepares the month's drafts."
              }
              action={
                status && (
                  <Link href={hrefFor({ s: "ALL" })} className={buttonClasses({ variant: "secondary" })}>
                    Show all statuses
                  </Link>
                )
              }
            />
          ) : (
            <StatementTable statements={result.items} />
          )}
          <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => hrefFor({ p })} />
        </Card>
      </div>
    </>
  );
}
