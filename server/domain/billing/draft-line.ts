// The shape of a draft invoice line, whatever priced it (CPM and fees in cpm-period.ts, CPA in cpa-period.ts): its
// amount rounded once from the exact one, and a trace that explain-line.ts turns into sentences.
import type { CpaPayout, CpmLine, IsoDate } from "../contracts/terms";
import { roundLine, type PriceResult, type RoundingMode } from "../pricing/engine";
import type { PricingModel } from "../pricing/pricing-model";
import { exact, type ExactDec } from "./proration";

export const DRAFT_LINE_KINDS = ["RECURRING_FEE", "ONE_OFF_FEE", "CPM", "MINIMUM_TRUE_UP", "AGENCY_COMMISSION", "CPA", "CPA_TIER", "CPA_CREDIT", "DELIVERY_ADJUSTMENT", "MANUAL"] as const;
export type DraftLineKind = (typeof DRAFT_LINE_KINDS)[number];
export type BillableSource = CpmLine["billableSource"];

export type CpmPricingTrace =
  | { source: "RATE_CARD"; rateCard: string; entry: string; rateCardVersionId: string; rateCardVersion: number; pinned: boolean }
  | { source: "OVERRIDE" };

/** The issued invoice of the month late-approved conversions occurred in, which billed that month without them. */
export interface LateConversionsOf {
  invoiceId: string;
  invoiceNumber: string;
  period: string;
}

export type LineTrace =
  | {
      kind: "CPM";
      versionId: string;
      versionNumber: number;
      from: IsoDate;
      to: IsoDate;
      pricing: CpmPricingTrace;
      model: PricingModel;
      billableSource: BillableSource;
      impressions: { firstParty: number; thirdParty: number; billable: number };
      /** Billable impressions of the period before this segment and through its end: the tier positions priced. */
      cumulativeImpressions: { before: number; through: number };
      /** The engine's price at those positions; `before` is null for the first segment, which subtracts nothing. */
      priceBefore: PriceResult | null;
      priceThrough: PriceResult;
      uncappedUnrounded: string;
      capped: boolean;
      limits: { periodCap: string | null; lifetimeBudget: string | null; lifetimeBilledBefore: string };
    }
  | { kind: "RECURRING_FEE"; versionId: string; versionNumber: number; feeKey: string; monthlyAmount: string; from: IsoDate; to: IsoDate; days: number; daysInMonth: number }
  | { kind: "ONE_OFF_FEE"; versionId: string; versionNumber: number; feeKey: string; amount: string; dueOn: IsoDate }
  | {
      kind: "MINIMUM_TRUE_UP";
      versionId: string;
      versionNumber: number;
      commitment: { amount: string; period: "MONTHLY" | "QUARTERLY" | "TERM" };
      from: IsoDate;
      to: IsoDate;
      /** The commitment for this commitment period: the amount, prorated when it is cut short. */
      committed: string;
      proration: { days: number; outOf: number } | null;
      billedBefore: string;
      billedThisPeriod: string;
      shortfall: string;
    }
  | { kind: "AGENCY_COMMISSION"; base: string; parts: Array<{ draftLineKey: string; base: string; percent: string; amount: string }> }
  | {
      kind: "CPA";
      versionId: string;
      versionNumber: number;
      conversionType: string;
      conversions: number;
      /** Σ order values (missing values count as 0). */
      valueSum: string;
      payout: CpaPayout;
      /** Whether a tier model prices the flat part (then this line holds only the percentage of value). */
      tiered: boolean;
      /** How many conversions the per-conversion minimum or maximum held. */
      clamped: { min: number; max: number };
      /** The first conversions priced (at most 50), by id. */
      conversionIds: string[];
      /** Conversions of an earlier month approved after its invoice was issued: that invoice. */
      corrects?: LateConversionsOf;
    }
  | {
      kind: "CPA_TIER";
      versionId: string;
      versionNumber: number;
      model: PricingModel;
      conversions: number;
      price: PriceResult;
      /** Late conversions: the tiers go on from the month's conversions billed before them (the line bills the difference). */
      corrects?: LateConversionsOf & { billedBefore: number; priceBefore: PriceResult };
    }
  | { kind: "CPA_CREDIT"; conversions: number; reversed: Array<{ conversionId: string; billedPeriod: string; billedAmount: string; reason: string }> }
  | {
      kind: "DELIVERY_ADJUSTMENT";
      /** The issued invoice and contract line whose month's delivery changed after it was drafted. */
      corrects: { invoiceId: string; invoiceNumber: string; period: string; lineKey: string };
      /** Billable impressions of the line in that month: as billed (with earlier adjustments), and now. */
      impressions: { billed: number; now: number };
      /** The line's CPM, true-up and commission amounts for that month (rounded): as billed, and priced again now. */
      billed: string;
      now: string;
      /** The CPM part alone (exact), for partner revenue shares. */
      cpm: { billed: string; now: string };
      /**
       * Set on the lines of a month invoiced again after its invoice was voided: corrections already billed for it on
       * later invoices (the last of them in `corrects`) deducted, as they stay billed. `now` is then 0.
       */
      deducts?: { invoiceNumbers: string[] };
    }
  | { kind: "MANUAL"; reason: string; addedBy: string; addedAt: string };

export interface DraftLine {
  /** Stable across runs: "cpm:sports:v2:2026-10-15", "fee:platform:v1:2026-10-01", "true-up:sports:2026-10-01", "commission:sports". */
  key: string;
  kind: DraftLineKind;
  /** The contract line (CPM line or fee) it belongs to. */
  lineKey: string;
  description: string;
  /** Impressions for CPM, days for monthly fees, the commissionable base for commission, 1 otherwise. */
  quantity: string;
  unrounded: string;
  amount: string;
  trace: LineTrace;
}

export type DraftFlag =
  | { kind: "DISCREPANCY"; lineKey: string; firstParty: number; thirdParty: number; percent: string; threshold: string }
  | { kind: "PERIOD_CAP_REACHED" | "LIFETIME_BUDGET_REACHED"; lineKey: string; reachedOn: IsoDate; uncapped: string; billed: string; remainder: string }
  | { kind: "MISSING_PRICE"; lineKey: string; day: IsoDate; message: string }
  | { kind: "CPA_LINE_NOT_IN_FORCE"; lineKey: string; conversions: number; message: string };

/** A line before rounding: its exact amount still a decimal. */
export type ExactLine = Omit<DraftLine, "unrounded" | "amount"> & { unrounded: ExactDec };

export function roundedLine({ unrounded, ...line }: ExactLine, contract: { currency: string; roundingMode: RoundingMode }): DraftLine {
  return { ...line, unrounded: exact(unrounded), amount: roundLine(exact(unrounded), contract.currency, contract.roundingMode) };
}
