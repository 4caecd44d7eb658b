import type { Metadata } from "next";
import { NewContractForm } from "@/components/contracts/new-contract-form";
import { PageHeader } from "@/components/shell/page-header";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "New contract" };

export default async function NewContractPage() {
  await requireUser("OPS");
  const advertisers = await api.advertisers.list({ page: 1, pageSize: 100 });
  return (
    <>
      <PageHeader title="New contract" description="Write the header and the initial terms. Nothing is billed until finance approves it." />
      <NewContractForm
        advertisers={advertisers.items.map((a) => ({ id: a.id, name: a.name, currency: a.currency }))}
        advertiserTotal={advertisers.total}
        today={todayIso()}
      />
    </>
  );
}
