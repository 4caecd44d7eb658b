import type { Metadata } from "next";
import { PricingSimulator } from "@/components/pricing/pricing-simulator";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/server/auth/session";
import { todayIso } from "@/server/domain/contracts/dates";

export const metadata: Metadata = { title: "Pricing simulator" };

export default async function PricingSimulatorPage() {
  const user = await requireUser("OPS", "FINANCE");
  return (
    <>
      <PageHeader title="Pricing simulator" description="Price a quantity under any pricing model with the engine billing uses: the exact amount, the rounded line and how it is reached." />
      <PricingSimulator today={todayIso()} canCreateRateCards={user.role === "OPS"} />
    </>
  );
}
