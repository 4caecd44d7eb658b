import type { Metadata } from "next";
import { PricingSimulator } from "@/components/pricing/pricing-simulator";
import { PageHeader } from "@/components/shell/page-header";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Pricing simulator" };

export default async function PricingSimulatorPage() {
  await requireUser("OPS", "FINANCE");
  return (
    <>
      <PageHeader title="Pricing simulator" description="Price a quantity under any pricing model with the engine billing uses: the exact amount, the rounded line and how it is reached." />
      <PricingSimulator />
    </>
  );
}
