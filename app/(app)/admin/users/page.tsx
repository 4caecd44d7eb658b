import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card, CardBody, EmptyState, CardPagination } from "@/components/ui";
import { CreateUserForm } from "@/components/users/create-user-form";
import { isRole } from "@/components/users/roles";
import { UserFilters } from "@/components/users/user-filters";
import { UserTable } from "@/components/users/user-table";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 25;
const NEW_USER_ID = "new-user";

export default async function UsersPage({ searchParams }: { searchParams: Promise<{ page?: string; q?: string; role?: string }> }) {
  const me = await requireUser("ADMIN");
  const params = await searchParams;
  const page = Math.max(1, Number.parseInt(params.page ?? "1", 10) || 1);
  const filters = { q: params.q?.trim().slice(0, 100) || undefined, role: isRole(params.role) ? params.role : undefined };
  const result = await api.users.list({ page, pageSize: PAGE_SIZE, search: filters.q, role: filters.role });
  const hrefFor = (p: number) =>
    `/admin/users?${new URLSearchParams({ ...(filters.q && { q: filters.q }), ...(filters.role && { role: filters.role }), page: String(p) })}`;
  // A stale link past the last page (e.g. after narrowing a filter) lands on the last page instead.
  if (page > result.pageCount) redirect(hrefFor(result.pageCount));
  const filtered = Boolean(filters.q || filters.role);
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, with which role, and for which advertiser."
        actions={<a href={`#${NEW_USER_ID}`} className={buttonClasses()}>New user</a>}
      />
      <div className="grid grid-cols-1 items-start gap-6 2xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card>
          <CardBody className="border-b border-slate-200">
            <UserFilters search={filters.q} role={filters.role} />
          </CardBody>
          {result.items.length === 0 ? (
            <EmptyState
              title={filtered ? "No users match these filters" : "No users yet"}
              description={filtered ? "Try another name, email or role." : "Create the first user with the form."}
            />
          ) : (
            <UserTable users={result.items} currentUserId={me.id} />
          )}
          <CardPagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
        </Card>
        <CreateUserForm id={NEW_USER_ID} />
      </div>
    </>
  );
}
