import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PartnerSearch } from "@/components/partners/partner-search";
import { PartnerTable } from "@/components/partners/partner-table";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, CardPagination, EmptyState } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Partners" };

const PAGE_SIZE = 25;

export default async function PartnersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string }> }) {
  const user = await requireUser("OPS", "FINANCE", "ADMIN");
  const params = await searchParams;
  const q = params.q?.trim().slice(0, 100) || undefined;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const result = await api.partners.list({ page, pageSize: PAGE_SIZE, search: q });
  const hrefFor = (p: number) => `/partners?${new URLSearchParams({ ...(q && { q }), page: String(p) })}`;
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  const canEdit = user.role === "OPS";
  const newPartner = (variant: "primary" | "secondary") => (
    <Link href="/partners/new" className={buttonClasses({ variant })}>
      New partner
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Partners"
        description="Publishers, networks and affiliates paid out of advertiser revenue. A partner's default payout applies wherever a contract's partner terms do not name it."
        actions={canEdit && newPartner("primary")}
      />
      <Card>
        <CardBody className="border-b border-slate-200">
          <PartnerSearch q={q} />
        </CardBody>
        {result.items.length === 0 ? (
          <EmptyState
            title={q ? `No partners match “${q}”` : "No partners yet"}
            description={q ? "Try another name or key, or clear the search." : canEdit ? "Add the first partner: its key, how it is paid by default, and where statements go." : "Partners appear here once ops adds them, or when payouts are first drafted for a partner a contract names."}
            action={canEdit && !q && newPartner("secondary")}
          />
        ) : (
          <PartnerTable partners={result.items} canEdit={canEdit} />
        )}
        <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
      </Card>
    </>
  );
}
