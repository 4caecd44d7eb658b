// "Why is this number this number": a draft line's trace in sentences a finance person can check with a
// calculator. One wording for `tally preview`, the preview panel and (later) the invoice Explain panel.
import { Dec, formatAmount, groupDigits } from "../money";
import type { BreakdownItem } from "../pricing/engine";
import { PRICING_MODEL_LABELS, type PricingModel } from "../pricing/pricing-model";
import type { DraftFlag, DraftLine, LateConversionsOf } from "./draft-line";

const count = (n: number | string) => groupDigits(new Dec(n).toFixed());
/** Exact amounts keep their digits, up to 10 decimals (a proration's long tail is cut, and says so). */
function exact(value: string): string {
  const d = new Dec(value);
  return d.decimalPlaces() > 10 ? `${groupDigits(d.toFixed(10, Dec.ROUND_DOWN))}…` : groupDigits(d.toFixed());
}
const money = (value: string, currency: string) => `${groupDigits(formatAmount(value, currency))} ${currency}`;

const SOURCE_WORDS = { FIRST_PARTY: "first-party count", THIRD_PARTY: "third-party count", LOWER_OF_BOTH: "lower of first- and third-party counts, day by day" } as const;

export function describeModel(model: PricingModel): string {
  switch (model.model) {
    case "standard":
      return `${PRICING_MODEL_LABELS.standard}: ${exact(model.unitPrice)} per unit`;
    case "perMille":
      return `${PRICING_MODEL_LABELS.perMille}: ${exact(model.ratePerThousand)} per 1,000`;
    case "package":
      return `${PRICING_MODEL_LABELS.package}: ${exact(model.packagePrice)} per ${count(model.packageSize)} (first ${count(model.freeUnits)} free)`;
    case "percentage":
      return `${PRICING_MODEL_LABELS.percentage}: ${exact(model.rate)} %`;
    default:
      return `${PRICING_MODEL_LABELS[model.model]}: ${model.tiers.length} tiers`;
  }
}

function describeBreakdown(item: BreakdownItem): string {
  switch (item.kind) {
    case "units":
      return `${count(item.units)} × ${exact(item.unitPrice)} = ${exact(item.amount)}`;
    case "perMille":
      return `${count(item.units)} ÷ 1,000 × ${exact(item.ratePerThousand)} = ${exact(item.amount)}`;
    case "tier": {
      const range = item.upTo === null ? `over ${count(item.from)}` : `${count(item.from)}–${count(item.upTo)}`;
      const price = item.unitPrice !== undefined ? `× ${exact(item.unitPrice)}` : `× ${exact(item.rate!)} %`;
      return `tier ${item.tier} (${range}): ${count(item.units)} ${price} + flat ${exact(item.flatFee)} = ${exact(item.amount)}`;
    }
    case "package":
      return `${count(item.billableUnits)} billable → ${count(item.packages)} package(s) × ${exact(item.packagePrice)} = ${exact(item.amount)}`;
    case "event":
      return `event ${item.index}: ${exact(item.amount)}`;
  }
}

const lateSentence = (corrects: LateConversionsOf) =>
  `Conversions of ${corrects.period} approved after ${corrects.invoiceNumber} was issued (it billed the month without them): billed here, priced as that month would have priced them.`;

/** The steps from inputs to the rounded amount, one sentence each. */
export function explainLine(line: DraftLine, currency: string, roundingMode: string): string[] {
  const t = line.trace;
  const rounding = `Exact ${exact(line.unrounded)}, rounded once (${roundingMode === "HALF_EVEN" ? "half-even" : "half-up"}) to ${money(line.amount, currency)}.`;
  switch (t.kind) {
    case "CPM": {
      const priceFrom =
        t.pricing.source === "RATE_CARD"
          ? `Rate card “${t.pricing.rateCard}” version ${t.pricing.rateCardVersion}${t.pricing.pinned ? " (pinned)" : " (in force these days)"}, entry “${t.pricing.entry}”.`
          : "Price agreed in the contract (override).";
      const steps = [
        `Terms version ${t.versionNumber}, ${t.from} to ${t.to}. ${priceFrom} ${describeModel(t.model)}.`,
        `Impressions: first party ${count(t.impressions.firstParty)}, third party ${count(t.impressions.thirdParty)}; billable by the ${SOURCE_WORDS[t.billableSource]}: ${count(t.impressions.billable)}.`,
      ];
      if (t.priceBefore === null) steps.push(`Priced on the period's first ${count(t.cumulativeImpressions.through)} billable impressions: ${exact(t.priceThrough.amount)}.`);
      else {
        steps.push(
          `Tiers fill over the period: price of ${count(t.cumulativeImpressions.through)} impressions (${exact(t.priceThrough.amount)}) minus price of the ${count(t.cumulativeImpressions.before)} before this segment (${exact(t.priceBefore.amount)}) = ${exact(t.uncappedUnrounded)}.`,
        );
      }
      steps.push(...t.priceThrough.breakdown.map((b) => `  ${describeBreakdown(b)}`));
      if (t.capped) {
        const limits = [t.limits.periodCap && `period cap ${money(t.limits.periodCap, currency)}`, t.limits.lifetimeBudget && `lifetime budget ${money(t.limits.lifetimeBudget, currency)} (${money(t.limits.lifetimeBilledBefore, currency)} billed before)`].filter(Boolean).join(", ");
        steps.push(`Held to the limit (${limits}): ${exact(t.uncappedUnrounded)} → ${exact(line.unrounded)}.`);
      }
      return [...steps, rounding];
    }
    case "RECURRING_FEE":
      return [`Terms version ${t.versionNumber}: ${money(t.monthlyAmount, currency)} per month × ${t.days} of ${t.daysInMonth} days (${t.from} to ${t.to}).`, rounding];
    case "ONE_OFF_FEE":
      return [`Terms version ${t.versionNumber}: one-off fee of ${money(t.amount, currency)}, due ${t.dueOn}.`, rounding];
    case "MINIMUM_TRUE_UP":
      return [
        `Minimum commitment ${money(t.commitment.amount, currency)} ${t.commitment.period.toLowerCase()} (terms version ${t.versionNumber}); commitment period ${t.from} to ${t.to}${t.proration ? `, prorated ${t.proration.days}/${t.proration.outOf} days` : ""}: ${exact(t.committed)}.`,
        `Billed against it: ${exact(t.billedBefore)} before this period + ${exact(t.billedThisPeriod)} now; shortfall ${exact(t.shortfall)}.`,
        rounding,
      ];
    case "AGENCY_COMMISSION":
      return [...t.parts.map((p) => `${p.percent} % of ${exact(p.base)} (${p.draftLineKey}) = ${exact(p.amount)}`), `Deducted from the media amount of ${exact(t.base)}.`, rounding];
    case "CPA": {
      const p = t.payout;
      const parts = [!t.tiered && p.flat !== null && `${money(p.flat, currency)} flat`, p.percentOfValue !== null && `${exact(p.percentOfValue)} % of the order value`].filter(Boolean).join(" + ");
      const limits = [p.minPerConversion !== null && `at least ${money(p.minPerConversion, currency)}`, p.maxPerConversion !== null && `at most ${money(p.maxPerConversion, currency)}`].filter(Boolean).join(", ");
      const clamped = t.clamped.min + t.clamped.max > 0 ? ` The minimum held ${t.clamped.min}, the maximum ${t.clamped.max}.` : "";
      return [
        ...(t.corrects ? [lateSentence(t.corrects)] : []),
        `Terms version ${t.versionNumber}: each approved “${t.conversionType}” conversion pays ${parts || "nothing beyond its minimum"}${limits ? ` (${limits} per conversion)` : ""}${t.tiered ? "; the flat part is priced on volume tiers in its own line" : ""}.`,
        `${count(t.conversions)} conversion${t.conversions === 1 ? "" : "s"}${new Dec(t.valueSum).isZero() ? "" : `, order values totalling ${exact(t.valueSum)}`}.${clamped}`,
        rounding,
      ];
    }
    case "CPA_TIER":
      if (t.corrects) {
        const late = t.conversions - t.corrects.billedBefore;
        return [
          lateSentence(t.corrects),
          `Terms version ${t.versionNumber}: ${describeModel(t.model)}; the tiers go on from the month's ${count(t.corrects.billedBefore)} conversion${t.corrects.billedBefore === 1 ? "" : "s"} billed before these ${count(late)}.`,
          `Price of ${count(t.conversions)} (${exact(t.price.amount)}) minus price of ${count(t.corrects.billedBefore)} (${exact(t.corrects.priceBefore.amount)}):`,
          ...t.price.breakdown.map((b) => `  ${describeBreakdown(b)}`),
          rounding,
        ];
      }
      return [
        `Terms version ${t.versionNumber}: ${describeModel(t.model)}, on the period's ${count(t.conversions)} approved conversion${t.conversions === 1 ? "" : "s"} of the line.`,
        ...t.price.breakdown.map((b) => `  ${describeBreakdown(b)}`),
        rounding,
      ];
    case "CPA_CREDIT":
      return [
        ...t.reversed.slice(0, 20).map((r) => `Conversion ${r.conversionId}, billed ${exact(r.billedAmount)} in ${r.billedPeriod}, reversed: ${r.reason}.`),
        ...(t.reversed.length > 20 ? [`… and ${t.reversed.length - 20} more.`] : []),
        `Credited back what was billed, never re-priced: −${exact(new Dec(line.unrounded).abs().toFixed())}.`,
        rounding,
      ];
    case "DELIVERY_ADJUSTMENT":
      if (t.deducts) {
        return [
          `${t.corrects.invoiceNumber}, this month's earlier invoice, was voided and the month is invoiced again with today's delivery; corrections of line “${t.corrects.lineKey}” billed against it on ${t.deducts.invoiceNumbers.join(", ")} stay billed: ${money(t.billed, currency)} for ${count(t.impressions.billed)} impressions.`,
          `Deducted here, so the month's delivery is billed once in all: ${money(line.amount, currency)}.`,
        ];
      }
      return [
        `Delivery of line “${t.corrects.lineKey}” in ${t.corrects.period} changed after ${t.corrects.invoiceNumber} was drafted: ${count(t.impressions.billed)} billable impressions billed, ${count(t.impressions.now)} now.`,
        `That month priced again with today's delivery: ${money(t.now, currency)}; billed for it so far (with earlier adjustments): ${money(t.billed, currency)}.`,
        `The difference is billed here: ${money(line.amount, currency)}.`,
      ];
    case "MANUAL":
      return [`Added by hand by ${t.addedBy} on ${t.addedAt.slice(0, 10)}: ${t.reason}`, `Amount entered: ${money(line.amount, currency)} (not priced by the terms).`];
  }
}

export function describeFlag(flag: DraftFlag, currency: string): string {
  switch (flag.kind) {
    case "DISCREPANCY":
      return `Line “${flag.lineKey}”: first party ${count(flag.firstParty)} vs third party ${count(flag.thirdParty)} differ by ${flag.percent} %, above the ${flag.threshold} % threshold — review before billing.`;
    case "PERIOD_CAP_REACHED":
    case "LIFETIME_BUDGET_REACHED":
      return `Line “${flag.lineKey}”: ${flag.kind === "PERIOD_CAP_REACHED" ? "period cap" : "lifetime budget"} reached on ${flag.reachedOn}; ${money(flag.uncapped, currency)} delivered, ${money(flag.billed, currency)} billed, ${money(flag.remainder, currency)} not billed.`;
    case "MISSING_PRICE":
    case "CPA_LINE_NOT_IN_FORCE":
      return `Line “${flag.lineKey}”: ${flag.message}`;
  }
}
