import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AdvertiserTable } from "@/components/advertisers/advertiser-table";
import { CreateAdvertiserForm } from "@/components/advertisers/create-advertiser-form";
import { PageHeader } from "@/components/shell/page-header";
import { Card, CardBody, Input, CardPagination } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Advertisers" };

export default async function AdvertisersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const user = await requireUser();
  if (user.role === "ADVERTISER") redirect(`/advertisers/${user.advertiserId}`);
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const search = params.q?.trim() || undefined;
  const result = await api.advertisers.list({ page, pageSize: 25, search });
  const hrefFor = (p: number) => `/advertisers?${new URLSearchParams({ ...(search ? { q: search } : {}), page: String(p) })}`;
  const canCreate = user.role === "OPS" || user.role === "ADMIN";
  return (
    <>
      <PageHeader title="Advertisers" description={`${result.total} customer account${result.total === 1 ? "" : "s"}.`} />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <Card>
          <CardBody className="border-b border-slate-200">
            <form role="search" className="flex gap-2">
              <Input name="q" defaultValue={search} placeholder="Search by name" aria-label="Search advertisers" className="max-w-xs" />
            </form>
          </CardBody>
          <AdvertiserTable items={result.items} />
          <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
        </Card>
        {canCreate && <CreateAdvertiserForm />}
      </div>
    </>
  );
}
