// Blank rows for the terms editor, with the schema's defaults filled in so a new row starts valid-looking.
import type { ContractTerms, CpaLine, CpmLine } from "@/server/domain/contracts/terms";
import type { PricingModel, PricingModelName } from "@/server/domain/pricing/pricing-model";

export type RecurringFee = ContractTerms["recurringFees"][number];
export type PartnerTerm = ContractTerms["partnerTerms"][number];
export type CpaPayout = CpaLine["payouts"][number];
export type CpaCap = NonNullable<CpaLine["caps"]["perDay"]>;
export type Tier = { upTo: string | null; price: string; flatFee: string };

export const newRecurringFee = (): RecurringFee => ({ key: "", name: "", amount: "", frequency: "MONTHLY", startDate: null, endDate: null });

export const newCpmLine = (): CpmLine => ({
  key: "",
  name: "",
  inventoryType: "",
  pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "" } },
  billableSource: "LOWER_OF_BOTH",
  discrepancyThresholdPercent: "10",
  periodCap: null,
  lifetimeBudget: null,
  minimumCommitment: null,
  agencyCommissionPercent: "0",
});

export const newCpaPayout = (): CpaPayout => ({ conversionType: "", flat: null, percentOfValue: null, minPerConversion: null, maxPerConversion: null });

export const newCpaLine = (): CpaLine => ({
  key: "",
  name: "",
  payouts: [newCpaPayout()],
  tiered: null,
  attribution: { clickLookbackDays: 7, viewLookbackDays: 1, model: "LAST_TOUCH", dedupeWindowHours: 24 },
  eligibility: { conversionTypes: [], geographies: [], minOrderValue: null, newCustomersOnly: false },
  caps: { perDay: null, perPeriod: null },
  lockPeriodDays: 14,
});

export const newPartnerTerm = (): PartnerTerm => ({ partnerKey: "", partnerName: "", payout: { kind: "REVENUE_SHARE", percent: "" }, lines: [] });

const TWO_TIERS: Tier[] = [
  { upTo: "", price: "", flatFee: "0" },
  { upTo: null, price: "", flatFee: "0" },
];

/** The tiers of any tiered model, in the editor's neutral shape (price = unit price or rate). */
export function tiersOf(model: PricingModel): Tier[] | null {
  if (model.model === "graduated" || model.model === "volume") return model.tiers.map((t) => ({ upTo: t.upTo, price: t.unitPrice, flatFee: t.flatFee }));
  if (model.model === "graduatedPercentage") return model.tiers.map((t) => ({ upTo: t.upTo, price: t.rate, flatFee: t.flatFee }));
  return null;
}

/** A fresh model of the chosen kind; switching between graduated and volume keeps the tiers already typed. */
export function pricingModelOf(name: PricingModelName, previous?: PricingModel): PricingModel {
  const tiers = previous?.model === "graduated" || previous?.model === "volume" ? tiersOf(previous)! : TWO_TIERS;
  switch (name) {
    case "standard":
      return { model: "standard", unitPrice: "" };
    case "perMille":
      return { model: "perMille", ratePerThousand: "" };
    case "graduated":
    case "volume":
      return { model: name, tiers: tiers.map((t) => ({ upTo: t.upTo, unitPrice: t.price, flatFee: t.flatFee })) };
    case "graduatedPercentage":
      return { model: name, tiers: TWO_TIERS.map((t) => ({ upTo: t.upTo, rate: t.price, flatFee: t.flatFee })) };
    case "package":
      return { model: "package", packageSize: "", packagePrice: "", freeUnits: "0" };
    case "percentage":
      return { model: "percentage", rate: "", fixedFee: "0", freeUnits: null, freeEvents: null, minPerEvent: null, maxPerEvent: null };
  }
}

/** "Sports & Live" → "sports-live": the line key suggested from its name, in the schema's key alphabet. */
export function keyFromName(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}
