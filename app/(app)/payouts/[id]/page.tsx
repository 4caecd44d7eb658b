import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { UtcTime } from "@/components/audit/utc-time";
import { DetailList, None } from "@/components/contracts/detail-list";
import { formatMoney } from "@/components/contracts/format";
import { formatDay, isLoss, marginOf, marginShare } from "@/components/payouts/format";
import { StatementActions } from "@/components/payouts/statement-actions";
import { StatementLines } from "@/components/payouts/statement-lines";
import { PayoutStatusBadge } from "@/components/payouts/status-badge";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, CardHeader, EmptyState, Stat } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { periodLabel } from "@/server/domain/billing/billing-period";

export const metadata: Metadata = { title: "Payout statement" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PayoutStatementPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser("FINANCE", "ADMIN");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const s = await orNotFound(api.payouts.byId({ id }));
  const month = periodLabel(s.period);
  const margin = marginOf(s.revenue, s.total);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/payouts?period=${s.period}`} className="font-medium text-indigo-700 hover:underline">
          ← Payouts for {month}
        </Link>
      </p>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {s.partner.name} · {month}
            <PayoutStatusBadge status={s.status} />
          </span>
        }
        description={`Payout statement in ${s.currency}. ${s.status === "DRAFT" ? "A draft: preparing the month's drafts again replaces it." : "Frozen: a redraft of the month leaves it as it is."}`}
        actions={user.role === "FINANCE" && <StatementActions id={s.id} status={s.status} summary={`${s.partner.name}'s ${month} statement`} />}
      />
      <div className="space-y-6">
        <div className="grid gap-4 sm:grid-cols-3">
          <Stat label="Revenue earned on" value={formatMoney(s.revenue, s.currency)} hint="advertiser revenue behind these lines" />
          <Stat label="Payout" value={formatMoney(s.total, s.currency)} hint={`${s.lines.length} line${s.lines.length === 1 ? "" : "s"}`} />
          <Stat
            label="Margin"
            value={<span className={isLoss(margin) ? "text-red-700" : undefined}>{formatMoney(margin, s.currency)}</span>}
            hint={marginShare(s.revenue, s.total) ? `${marginShare(s.revenue, s.total)} of revenue` : "no revenue this month"}
          />
        </div>
        <Card>
          <CardHeader title="Lines" description="One line per contract, partner term and kind; reversals charge back conversions credited after they were paid for." />
          {s.lines.length === 0 ? <EmptyState title="No lines" description="Nothing was earned on this statement." /> : <StatementLines lines={s.lines} currency={s.currency} total={s.total} revenue={s.revenue} />}
        </Card>
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader
              title="Partner"
              description={
                <Link href={`/partners/${s.partner.id}`} className="font-medium text-indigo-700 hover:underline">
                  Open the partner
                </Link>
              }
            />
            <CardBody>
              <DetailList
                className="lg:grid-cols-2"
                items={[
                  { label: "Name", value: s.partner.name },
                  { label: "Key", value: <span className="font-mono">{s.partner.key}</span> },
                  { label: "E-mail", value: s.partner.email ? <a href={`mailto:${s.partner.email}`} className="break-all hover:underline">{s.partner.email}</a> : <None /> },
                  { label: "Payment details", value: s.partner.paymentDetails ? <span className="whitespace-pre-line">{s.partner.paymentDetails}</span> : <None />, wide: true },
                ]}
              />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="History" description="Times in UTC." />
            <CardBody>
              <ol className="space-y-3 text-sm">
                <li>
                  <span className="font-medium text-slate-900">Drafted</span> <UtcTime value={s.draftedAt} />
                </li>
                <li>
                  <span className="font-medium text-slate-900">Approved</span>{" "}
                  {s.approvedAt ? (
                    <>
                      <UtcTime value={s.approvedAt} /> by {s.approvedBy ?? "a former user"}
                    </>
                  ) : (
                    <span className="text-slate-500">not yet</span>
                  )}
                </li>
                <li>
                  <span className="font-medium text-slate-900">Paid</span>{" "}
                  {s.paidAt ? (
                    <>
                      on <time dateTime={s.paidAt.toISOString().slice(0, 10)}>{formatDay(s.paidAt)}</time>, recorded by {s.paidBy ?? "a former user"}
                      {s.paidReference && (
                        <span className="block text-slate-600">
                          Reference <span className="font-mono">{s.paidReference}</span>
                        </span>
                      )}
                    </>
                  ) : (
                    <span className="text-slate-500">{s.status === "APPROVED" ? "waiting for payment" : "not yet"}</span>
                  )}
                </li>
              </ol>
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
