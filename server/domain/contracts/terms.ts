// The typed terms a contract version holds: one zod schema shared by forms, tRPC, REST and the database layer
// (the JSON column is parsed through it on every read). Pricing semantics belong to the pricing engine and the
// CPA calculators; this file owns the shape and its validity. Extend by adding optional fields, never renaming.
import { z } from "zod";
import { Dec, ZNonNegativeDecimal, ZPercent, ZPositiveDecimal } from "../money";
import { ZPricingModel } from "../pricing/pricing-model";

/** Whether a YYYY-MM-DD string names a real day, by arithmetic (hot path: every delivery row has a date). */
function isCalendarDate(d: string): boolean {
  const year = Number(d.slice(0, 4));
  const month = Number(d.slice(5, 7));
  const day = Number(d.slice(8, 10));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

export const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Use a date like 2026-12-01", abort: true }).refine(isCalendarDate, "Not a real calendar date");
export type IsoDate = string;

/** Stable line keys: diffs, delivery and billing refer to lines by key, so renaming a line keeps its history. */
const ZLineKey = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and dashes");
const ZName = z.string().trim().min(1, "Required").max(80);

export const ZRecurringFee = z.object({
  key: ZLineKey,
  name: ZName,
  amount: ZPositiveDecimal,
  /** MONTHLY fees are prorated by day for partial months (billing); ONE_OFF are billed once, in the month of `startDate`. */
  frequency: z.enum(["MONTHLY", "ONE_OFF"]),
  startDate: ZIsoDate.nullable().default(null),
  endDate: ZIsoDate.nullable().default(null),
});

export const BILLABLE_SOURCES = ["FIRST_PARTY", "THIRD_PARTY", "LOWER_OF_BOTH"] as const;

export const ZCpmLine = z.object({
  key: ZLineKey,
  name: ZName,
  inventoryType: z.string().trim().min(1).max(40),
  /** Price from a rate card entry (resolved by the pricing capability) or an explicit override. */
  pricing: z.discriminatedUnion("source", [
    z.object({
      source: z.literal("RATE_CARD"),
      /** The rate card's name and the entry's key. */
      rateCard: z.string().trim().min(1).max(80),
      entry: z.string().trim().min(1).max(80),
      /** Null: each day uses the card's version in force that day. A number pins that version. */
      pinnedVersion: z.number().int().positive().nullable().default(null),
    }),
    z.object({ source: z.literal("OVERRIDE"), model: ZPricingModel }),
  ]),
  billableSource: z.enum(BILLABLE_SOURCES).default("LOWER_OF_BOTH"),
  /** First vs third party difference (percent) above which the period is flagged for review instead of billed. */
  discrepancyThresholdPercent: ZPercent.default("10"),
  periodCap: ZPositiveDecimal.nullable().default(null),
  lifetimeBudget: ZPositiveDecimal.nullable().default(null),
  minimumCommitment: z
    .object({ amount: ZPositiveDecimal, period: z.enum(["MONTHLY", "QUARTERLY", "TERM"]) })
    .nullable()
    .default(null),
  agencyCommissionPercent: ZPercent.default("0"),
});

export const ZCpaPayout = z
  .object({
    conversionType: z.string().trim().min(1).max(40),
    flat: ZNonNegativeDecimal.nullable().default(null),
    percentOfValue: ZPercent.nullable().default(null),
    minPerConversion: ZNonNegativeDecimal.nullable().default(null),
    maxPerConversion: ZNonNegativeDecimal.nullable().default(null),
  })
  .refine((p) => p.flat !== null || p.percentOfValue !== null, { message: "Set a flat payout, a percentage of value, or both", path: ["flat"] })
  .refine((p) => p.minPerConversion === null || p.maxPerConversion === null || !new Dec(p.minPerConversion).greaterThan(p.maxPerConversion), {
    message: "Must be at least the minimum per conversion",
    path: ["maxPerConversion"],
  });

const ZCap = z.object({ conversions: z.number().int().positive().nullable().default(null), spend: ZPositiveDecimal.nullable().default(null) });

export const ZCpaLine = z.object({
  key: ZLineKey,
  name: ZName,
  payouts: z.array(ZCpaPayout).min(1, "Add a payout for at least one conversion type").max(20),
  /** Optional tiering by approved conversions in the period (graduated or volume models). */
  tiered: ZPricingModel.nullable().default(null),
  attribution: z.object({
    clickLookbackDays: z.number().int().min(0).max(90).default(7),
    viewLookbackDays: z.number().int().min(0).max(30).default(1),
    model: z.enum(["LAST_TOUCH"]).default("LAST_TOUCH"),
    dedupeWindowHours: z.number().int().min(0).max(24 * 90).default(24),
  }),
  eligibility: z.object({
    conversionTypes: z.array(z.string().trim().min(1).max(40)).default([]),
    geographies: z.array(z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "Two-letter country codes")).default([]),
    minOrderValue: ZNonNegativeDecimal.nullable().default(null),
    newCustomersOnly: z.boolean().default(false),
  }),
  caps: z.object({ perDay: ZCap.nullable().default(null), perPeriod: ZCap.nullable().default(null) }).default({ perDay: null, perPeriod: null }),
  lockPeriodDays: z.number().int().min(0).max(120).default(14),
}).superRefine((line, ctx) => {
  // A payout for a conversion type the line never accepts could never be earned: almost certainly a typo.
  const eligible = line.eligibility.conversionTypes;
  line.payouts.forEach((p, i) => {
    if (eligible.length > 0 && !eligible.includes(p.conversionType)) {
      ctx.addIssue({ code: "custom", path: ["payouts", i, "conversionType"], message: `Not among the eligible conversion types (${eligible.join(", ")})` });
    }
  });
});

export const ZPartnerTerm = z.object({
  partnerKey: ZLineKey,
  partnerName: ZName,
  payout: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("FLAT_PER_CONVERSION"), amount: ZPositiveDecimal }),
    z.object({ kind: z.literal("REVENUE_SHARE"), percent: ZPercent }),
    z.object({ kind: z.literal("CPM_SHARE"), percent: ZPercent }),
  ]),
  /** Line keys this term applies to; empty = every line it can apply to. */
  lines: z.array(ZLineKey).default([]),
});

export const ZContractTerms = z
  .object({
    recurringFees: z.array(ZRecurringFee).max(20).default([]),
    cpmLines: z.array(ZCpmLine).max(50).default([]),
    cpaLines: z.array(ZCpaLine).max(50).default([]),
    partnerTerms: z.array(ZPartnerTerm).max(50).default([]),
  })
  .superRefine((terms, ctx) => {
    const seen = new Map<string, string>();
    const check = (group: "recurringFees" | "cpmLines" | "cpaLines", items: { key: string }[]) =>
      items.forEach((item, i) => {
        if (seen.has(item.key)) ctx.addIssue({ code: "custom", path: [group, i, "key"], message: `Key “${item.key}” is already used by ${seen.get(item.key)}` });
        seen.set(item.key, `${group} #${i + 1}`);
      });
    check("recurringFees", terms.recurringFees);
    check("cpmLines", terms.cpmLines);
    check("cpaLines", terms.cpaLines);
    const lineKeys = new Set([...terms.cpmLines, ...terms.cpaLines].map((l) => l.key));
    terms.partnerTerms.forEach((p, i) =>
      p.lines.forEach((key, j) => {
        if (!lineKeys.has(key)) ctx.addIssue({ code: "custom", path: ["partnerTerms", i, "lines", j], message: `No line with key “${key}”` });
      }),
    );
    const partnerKeys = new Set<string>();
    terms.partnerTerms.forEach((p, i) => {
      if (partnerKeys.has(p.partnerKey)) ctx.addIssue({ code: "custom", path: ["partnerTerms", i, "partnerKey"], message: "This partner already has terms" });
      partnerKeys.add(p.partnerKey);
    });
  });

export type ContractTerms = z.infer<typeof ZContractTerms>;
export type ContractTermsInput = z.input<typeof ZContractTerms>;
export type CpmLine = z.infer<typeof ZCpmLine>;
export type CpaLine = z.infer<typeof ZCpaLine>;
export type CpaPayout = z.infer<typeof ZCpaPayout>;

export const EMPTY_TERMS: ContractTerms = { recurringFees: [], cpmLines: [], cpaLines: [], partnerTerms: [] };
