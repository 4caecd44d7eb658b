// The pricing models, as data: one schema shared by rate cards, contract lines, the pricing simulator and
// `tally price`. This file owns the shapes and their validity; the engine that prices them lives beside it.
import { z } from "zod";
import { Dec, ZNonNegativeDecimal, ZPercent, ZPositiveDecimal } from "../money";

const ZUpTo = ZPositiveDecimal.nullable();

// An event count: a plain whole number. (No transform here: this schema also describes API output, and the
// OpenAPI generator cannot describe transforms. `tally price` turns its quoted numbers back into numbers itself.)
const ZEventCount = z.number({ error: "A whole number of events" }).int("A whole number of events").min(0, "A whole number of events").max(1_000_000_000, "A whole number of events");

const ZUnitTier = z.object({ upTo: ZUpTo, unitPrice: ZNonNegativeDecimal, flatFee: ZNonNegativeDecimal.default("0") });
const ZRateTier = z.object({ upTo: ZUpTo, rate: ZPercent, flatFee: ZNonNegativeDecimal.default("0") });

/** Tiers fill in order: bounds strictly increase and only the last tier is unbounded. */
function checkTiers(tiers: { upTo: string | null }[], ctx: z.RefinementCtx) {
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (last && tier.upTo !== null) ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "The last tier must be unbounded (leave “up to” empty)" });
    if (!last && tier.upTo === null) ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: "Only the last tier may be unbounded" });
    const previous = i > 0 ? tiers[i - 1].upTo : null;
    if (tier.upTo !== null && previous !== null && !new Dec(tier.upTo).greaterThan(previous)) {
      ctx.addIssue({ code: "custom", path: ["tiers", i, "upTo"], message: `Must be greater than the previous tier's ${previous}` });
    }
  });
}

export const ZPricingModel = z
  .discriminatedUnion("model", [
    z.object({ model: z.literal("standard"), unitPrice: ZNonNegativeDecimal }),
    z.object({ model: z.literal("perMille"), ratePerThousand: ZPositiveDecimal }),
    z.object({ model: z.literal("graduated"), tiers: z.array(ZUnitTier).min(1, "Add at least one tier").max(50) }),
    z.object({ model: z.literal("volume"), tiers: z.array(ZUnitTier).min(1, "Add at least one tier").max(50) }),
    z.object({
      model: z.literal("package"),
      packageSize: ZPositiveDecimal,
      packagePrice: ZNonNegativeDecimal,
      freeUnits: ZNonNegativeDecimal.default("0"),
    }),
    z.object({
      model: z.literal("percentage"),
      rate: ZPercent,
      fixedFee: ZNonNegativeDecimal.default("0"),
      freeUnits: ZNonNegativeDecimal.nullable().default(null),
      freeEvents: ZEventCount.nullable().default(null),
      minPerEvent: ZNonNegativeDecimal.nullable().default(null),
      maxPerEvent: ZNonNegativeDecimal.nullable().default(null),
    }),
    z.object({ model: z.literal("graduatedPercentage"), tiers: z.array(ZRateTier).min(1, "Add at least one tier").max(50) }),
  ])
  .superRefine((m, ctx) => {
    if ("tiers" in m) checkTiers(m.tiers, ctx);
    if (m.model === "percentage" && m.minPerEvent !== null && m.maxPerEvent !== null && new Dec(m.minPerEvent).greaterThan(m.maxPerEvent)) {
      ctx.addIssue({ code: "custom", path: ["maxPerEvent"], message: "Must be at least the minimum per event" });
    }
  });

export type PricingModel = z.infer<typeof ZPricingModel>;
export type PricingModelName = PricingModel["model"];

/** Used by forms and the diff to describe a model in words. */
export const PRICING_MODEL_LABELS: Record<PricingModelName, string> = {
  standard: "Per unit",
  perMille: "Per thousand (CPM)",
  graduated: "Graduated tiers",
  volume: "Volume tiers",
  package: "Package",
  percentage: "Percentage",
  graduatedPercentage: "Graduated percentage",
};

