import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DraftPreview } from "@/components/billing/draft-preview";
import { DeliveryChart } from "@/components/delivery/delivery-chart";
import { DeliveryDaysTable } from "@/components/delivery/delivery-days-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { roleCan } from "@/server/auth/permissions";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";
import { periodBounds, periodLabel, periodOf, shiftPeriod, ZBillingPeriod } from "@/server/domain/billing/billing-period";

export const metadata: Metadata = { title: "Delivery" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ContractDeliveryPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ month?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN", "ADVERTISER");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const requested = ZBillingPeriod.safeParse((await searchParams).month ?? "");
  const month = requested.success ? requested.data : periodOf(todayIso());
  const contract = await orNotFound(api.contracts.byId({ id }));
  const delivery = await api.delivery.forContract({ contractId: id, ...periodBounds(month) });
  // Staff who bill see what the month would be billed; a contract without approved terms has nothing to preview.
  const preview = roleCan(user.role, "billing:preview") && contract.status !== "DRAFT" ? await api.billing.preview({ contractId: id, period: month }) : null;
  const spendByLineDay = new Map(preview?.draft.days.map((d) => [`${d.lineKey}:${d.day}`, d.cumulativeAmount]));
  // The cap drawn is the one of the terms in force at the end of the month (or the last approved terms).
  const lastTerms = contract.versions.filter((v) => v.status === "APPROVED" && v.effectiveFrom <= periodBounds(month).to).at(-1)?.terms;
  // Line names from every approved version: a line renamed or ended by an amendment still has its history.
  const lines = new Map<string, string>();
  for (const v of contract.versions) if (v.status === "APPROVED") for (const l of v.terms.cpmLines) lines.set(l.key, l.name);
  for (const d of delivery.days) if (!lines.has(d.lineKey)) lines.set(d.lineKey, d.lineKey);
  const monthHref = (m: string) => `/contracts/${id}/delivery?month=${m}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/contracts/${id}`} className="font-medium text-indigo-700 hover:underline">
          ← {contract.number}
        </Link>
      </p>
      <PageHeader
        title={`Delivery · ${periodLabel(month)}`}
        description={`${contract.title} · ${contract.number} · ${contract.advertiser.name}`}
        actions={
          <nav aria-label="Month" className="flex gap-2">
            <Link href={monthHref(shiftPeriod(month, -1))} className={buttonClasses({ variant: "secondary" })}>
              ← {periodLabel(shiftPeriod(month, -1))}
            </Link>
            <Link href={monthHref(shiftPeriod(month, 1))} className={buttonClasses({ variant: "secondary" })}>
              {periodLabel(shiftPeriod(month, 1))} →
            </Link>
          </nav>
        }
      />
      <div className="space-y-6">
        {lines.size === 0 ? (
          <Card>
            <EmptyState title="No CPM lines" description="This contract has no approved CPM lines, so it takes no delivery." />
          </Card>
        ) : (
          [...lines].map(([key, name]) => {
            const days = delivery.days.filter((d) => d.lineKey === key);
            return (
              <section key={key} aria-label={name}>
                <Card>
                  <CardHeader title={name} description={`Line “${key}”`} />
                  <CardBody className="space-y-4">
                    {days.length === 0 ? (
                      <EmptyState title={`No delivery in ${periodLabel(month)}`} description="Counts appear here once a file is imported or the pipeline posts them." />
                    ) : (
                      <>
                        <DeliveryChart
                          title={name}
                          days={days.map((d) => ({ ...d, cumulativeAmount: spendByLineDay.get(`${key}:${d.day}`) }))}
                          cap={preview ? (lastTerms?.cpmLines.find((l) => l.key === key)?.periodCap ?? null) : null}
                          currency={contract.currency}
                        />
                        <DeliveryDaysTable days={days} />
                      </>
                    )}
                  </CardBody>
                </Card>
              </section>
            );
          })
        )}
        {preview && (
          <DraftPreview
            title={`Draft invoice preview · ${periodLabel(month)}`}
            currency={preview.contract.currency}
            lines={preview.draft.lines}
            total={preview.draft.total}
            explanations={preview.explanations}
            flagSummaries={preview.flagSummaries}
          />
        )}
      </div>
    </>
  );
}
