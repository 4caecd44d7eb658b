// A partner's default payout as a person would say it: "20 % of revenue", "3.00 per conversion". Amounts are read in
// the currency of each contract, so none is named here.
import type { z } from "zod";
import { Dec } from "@/server/domain/money";
import type { ZPartnerPayout } from "@/server/services/partners/partners";

export type PartnerPayout = z.infer<typeof ZPartnerPayout>;
export type PartnerPayoutKind = PartnerPayout["kind"];

export const PARTNER_PAYOUT_KIND_LABELS: Record<PartnerPayoutKind, string> = {
  FLAT_PER_CONVERSION: "Flat per conversion",
  REVENUE_SHARE: "Revenue share",
  CPM_SHARE: "CPM share",
};

/** Keeps every agreed decimal, with at least two: "3" → "3.00", "0.125" → "0.125". */
const flatAmount = (amount: string) => {
  const d = new Dec(amount);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
};

export function payoutInWords(payout: PartnerPayout | null): string {
  if (!payout) return "None";
  switch (payout.kind) {
    case "FLAT_PER_CONVERSION":
      return `${flatAmount(payout.amount)} per conversion`;
    case "REVENUE_SHARE":
      return `${new Dec(payout.percent).toFixed()} % of revenue`;
    case "CPM_SHARE":
      return `${new Dec(payout.percent).toFixed()} % of CPM revenue`;
  }
}
