import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DeliveryImport } from "@/components/delivery/delivery-import";
import { deliveryHref } from "@/components/delivery/links";
import { PageHeader } from "@/components/shell/page-header";
import { Badge, Card, CardHeader, CardPagination, EmptyState, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Delivery" };

const PAGE_SIZE = 20;
const CHANNEL_LABELS: Record<string, string> = { API: "API", CSV: "CSV file", SYSTEM: "System" };
const number = new Intl.NumberFormat("en-US");
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DeliveryPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN");
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const batches = await api.delivery.batches({ page, pageSize: PAGE_SIZE });
  const hrefFor = (p: number) => `/delivery?page=${p}`;
  if (page > batches.pageCount) redirect(hrefFor(batches.pageCount));
  return (
    <>
      <PageHeader title="Delivery" description="Daily impressions per contract line, from the ad server (first party) and the verifier (third party): imported here or sent to POST /api/v1/delivery." />
      <div className="space-y-6">
        {user.role === "OPS" && <DeliveryImport />}
        <Card>
          <CardHeader title="Received batches" description="Every accepted file chunk and API batch, newest first. Refused batches wrote nothing and are not listed." />
          {batches.items.length === 0 ? (
            <EmptyState title="No delivery yet" description="Batches appear here once a file is imported or a pipeline posts to the API." />
          ) : (
            <Table>
              <THead>
                <TR>
                  <TH>Received (UTC)</TH>
                  <TH>From</TH>
                  <TH>Contracts</TH>
                  <TH numeric>Rows</TH>
                  <TH numeric>Corrections</TH>
                  <TH>Idempotency key</TH>
                </TR>
              </THead>
              <TBody>
                {batches.items.map((b) => (
                  <TR key={b.id}>
                    <TD className="whitespace-nowrap">{when.format(b.createdAt)}</TD>
                    <TD>
                      <span className="mr-2">{b.actorLabel}</span>
                      <Badge tone={b.channel === "API" ? "indigo" : "neutral"}>{CHANNEL_LABELS[b.channel] ?? b.channel}</Badge>
                    </TD>
                    <TD>
                      {b.contracts.map((c, i) => (
                        <span key={c}>
                          {i > 0 && ", "}
                          <Link href={deliveryHref(c)} className="font-medium text-indigo-700 hover:underline">
                            {c}
                          </Link>
                        </span>
                      ))}
                    </TD>
                    <TD numeric>{number.format(b.rowCount)}</TD>
                    <TD numeric>{b.corrections > 0 ? number.format(b.corrections) : "—"}</TD>
                    <TD className="font-mono text-xs text-slate-600">{b.idempotencyKey}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          )}
          <CardPagination page={batches.page} pageCount={batches.pageCount} hrefFor={hrefFor} />
        </Card>
      </div>
    </>
  );
}
