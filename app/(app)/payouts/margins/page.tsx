import type { Metadata } from "next";
import Form from "next/form";
import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { MarginChart } from "@/components/payouts/margin-chart";
import { PartnerMargins } from "@/components/payouts/partner-margins";
import { PageHeader } from "@/components/shell/page-header";
import { Alert, Button, Card, CardBody, CardHeader, EmptyState, Field, Input, Select } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { periodLabel, periodOf, shiftPeriod, ZBillingPeriod } from "@/server/domain/billing/billing-period";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Payout margins" };

const MONTH_CHOICES = [3, 6, 12, 24] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function PayoutMarginsPage({ searchParams }: { searchParams: Promise<{ through?: string; months?: string; contract?: string }> }) {
  await requireUser("FINANCE", "ADMIN");
  const params = await searchParams;
  const requested = ZBillingPeriod.safeParse(params.through ?? "");
  const through = requested.success ? requested.data : shiftPeriod(periodOf(todayIso()), -1);
  const months = MONTH_CHOICES.find((m) => String(m) === params.months) ?? 6;
  const contractId = UUID.test(params.contract ?? "") ? params.contract : undefined;
  const range = `${periodLabel(shiftPeriod(through, 1 - months))} – ${periodLabel(through)}`;

  const [byPartner, contracts, byContract] = await Promise.all([
    api.payouts.partnerMargins({ through, months }),
    // The picker offers the 100 most recent contracts; the service pages at 100.
    api.contracts.list({ page: 1, pageSize: 100 }),
    contractId ? api.payouts.contractMargins({ through, months, contractId }).catch(nullIfNotFound) : null,
  ]);
  const keptWindow = { through, months: String(months) };

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/payouts" className="font-medium text-indigo-700 hover:underline">
          ← Payouts
        </Link>
      </p>
      <PageHeader title="Margins" description={`Advertiser revenue against partner payouts, ${range}. Amounts are drawn per currency; open the figures under a chart for the exact amounts.`} />
      <div className="space-y-6">
        <Card>
          <CardBody>
            <Form action="/payouts/margins" aria-label="Months shown" className="flex flex-wrap items-end gap-3">
              {contractId && <input type="hidden" name="contract" value={contractId} />}
              <Field label="Through" className="w-44">
                <Input name="through" type="month" required defaultValue={through} className="h-9" />
              </Field>
              <Field label="Months" className="w-32">
                <Select name="months" defaultValue={String(months)} className="h-9">
                  {MONTH_CHOICES.map((m) => (
                    <option key={m} value={m}>
                      {m} months
                    </option>
                  ))}
                </Select>
              </Field>
              <Button type="submit" variant="secondary">
                Show
              </Button>
            </Form>
          </CardBody>
        </Card>

        <section aria-label="Margins by partner">
          <Card>
            <CardHeader title="By partner" description="From the payout statements: the revenue each statement was earned on against its total, whatever its status." />
            <CardBody>
              {byPartner.partners.length === 0 ? (
                <EmptyState title={`No payout statements in ${range}`} description="Partner margins appear once the months' payout drafts are prepared." />
              ) : (
                <PartnerMargins series={byPartner.partners} range={range} />
              )}
            </CardBody>
          </Card>
        </section>

        <section aria-label="Margins by contract">
          <Card>
            <CardHeader title="By contract" description="The contract's priced revenue per month (as its invoices are priced) against the partner payouts drafted on it." />
            <CardBody className="space-y-4">
              {contracts.items.length === 0 ? (
                <EmptyState title="No contracts yet" description="Contract margins appear once contracts are written and priced." />
              ) : (
                <Form action="/payouts/margins" aria-label="Choose a contract" className="flex flex-wrap items-end gap-3">
                  {Object.entries(keptWindow).map(([k, v]) => (
                    <input key={k} type="hidden" name={k} value={v} />
                  ))}
                  <Field label="Contract" className="w-full max-w-md">
                    <Select name="contract" required defaultValue={contractId ?? ""} className="h-9">
                      <option value="" disabled>
                        Choose a contract…
                      </option>
                      {contracts.items.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.number} · {c.title} · {c.advertiserName} ({c.currency})
                        </option>
                      ))}
                    </Select>
                  </Field>
                  <Button type="submit" variant="secondary">
                    Show margins
                  </Button>
                </Form>
              )}
              {contractId && !byContract && <Alert tone="error">That contract was not found. Choose another.</Alert>}
              {byContract && (
                <MarginChart
                  caption={`${byContract.contract.number} · ${byContract.contract.title}, ${range}: priced revenue against partner payouts, in ${byContract.contract.currency}, with the margin kept.`}
                  currency={byContract.contract.currency}
                  points={byContract.points}
                />
              )}
              {!contractId && contracts.items.length > 0 && <p className="text-sm text-slate-500">Choose a contract to see its revenue, payouts and margin month by month.</p>}
            </CardBody>
          </Card>
        </section>
      </div>
    </>
  );
}

/** A contract the caller may not see, or that does not exist, is "not found": the picker says so instead of a 404. */
function nullIfNotFound(err: unknown): null {
  if (err instanceof TRPCError && err.code === "NOT_FOUND") return null;
  throw err;
}
