import type { Metadata } from "next";
import Link from "next/link";
import { PartnerForm } from "@/components/partners/partner-form";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "New partner" };

export default async function NewPartnerPage() {
  await requireUser("OPS");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/partners" className="font-medium text-indigo-700 hover:underline">
          ← Partners
        </Link>
      </p>
      <PageHeader title="New partner" description="Its key must match what attribution feeds and contract terms call it." />
      <PartnerForm />
    </>
  );
}
