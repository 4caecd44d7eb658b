// Tally's verdict on one reported conversion against its CPA line: attributed (last touch) or not, then eligible
// or not, with a reason code and a sentence a person can read. Pure. The order of checks is the order below; the
// first that fails is the reason given.
//   1. Attribution, last touch: among the line's exposures at or before the conversion, a click inside the click
//      lookback (days × 24 h) beats any view; otherwise a view inside the view lookback. The latest one wins.
//   2. Type: in the line's eligible types (when it lists any), and with a payout for it.
//   3. Geography: in the line's geographies (when it lists any); an unknown geography is not eligible.
//   4. Minimum order value: a conversion without a value does not reach a minimum.
//   5. New customers only: only conversions reported as new customers count.
//   6. Dedupe: the same dedupe key on the same line within the dedupe window after an earlier counted conversion.
import type { CpaLine } from "../contracts/terms";
import type { CapReasonCode } from "./caps";
import { Dec } from "../money";

export interface VerdictInput {
  occurredAt: string;
  type: string;
  value: string | null;
  geography: string | null;
  newCustomer: boolean | null;
  dedupeKey: string | null;
  exposures: readonly { kind: "click" | "view"; at: string }[];
}

export type ReasonCode =
  | "NO_EXPOSURES"
  | "OUTSIDE_WINDOWS"
  | "TYPE_NOT_ELIGIBLE"
  | "NO_PAYOUT_FOR_TYPE"
  | "GEOGRAPHY_NOT_ELIGIBLE"
  | "BELOW_MINIMUM_ORDER_VALUE"
  | "RETURNING_CUSTOMER"
  | "DUPLICATE";

export type ConversionVerdict =
  | { eligibility: "ELIGIBLE"; reasonCode: null; reason: null; attributedExposureAt: string; attributedKind: "click" | "view" }
  | { eligibility: "INELIGIBLE"; reasonCode: ReasonCode; reason: string; attributedExposureAt: string | null; attributedKind: "click" | "view" | null }
  | { eligibility: "OVER_CAP"; reasonCode: CapReasonCode; reason: string; attributedExposureAt: string; attributedKind: "click" | "view" };

const HOUR = 3_600_000;

export function lastTouch(conversion: Pick<VerdictInput, "occurredAt" | "exposures">, attribution: CpaLine["attribution"]) {
  const at = Date.parse(conversion.occurredAt);
  const inWindow = (kind: "click" | "view", days: number) =>
    conversion.exposures
      .filter((e) => e.kind === kind)
      .map((e) => Date.parse(e.at))
      .filter((t) => t <= at && at - t <= days * 24 * HOUR)
      .sort((a, b) => b - a)[0];
  const click = inWindow("click", attribution.clickLookbackDays);
  if (click !== undefined) return { kind: "click" as const, at: new Date(click).toISOString() };
  const view = inWindow("view", attribution.viewLookbackDays);
  if (view !== undefined) return { kind: "view" as const, at: new Date(view).toISOString() };
  return null;
}

/**
 * `earlierWithSameKey`: times of conversions already counted on this line with the same dedupe key (earlier in the
 * batch or stored before), for the dedupe window.
 */
export function judgeConversion(conversion: VerdictInput, line: CpaLine, earlierWithSameKey: readonly string[] = []): ConversionVerdict {
  const touch = lastTouch(conversion, line.attribution);
  const refuse = (reasonCode: ReasonCode, reason: string): ConversionVerdict => ({ eligibility: "INELIGIBLE", reasonCode, reason, attributedExposureAt: touch?.at ?? null, attributedKind: touch?.kind ?? null });
  const { clickLookbackDays, viewLookbackDays, dedupeWindowHours } = line.attribution;
  if (!touch) {
    return conversion.exposures.length === 0
      ? refuse("NO_EXPOSURES", "No ad exposure was reported with it, so it cannot be attributed to this line")
      : refuse("OUTSIDE_WINDOWS", `No click in the ${clickLookbackDays} days or view in the ${viewLookbackDays} day${viewLookbackDays === 1 ? "" : "s"} before it`);
  }
  const { conversionTypes, geographies, minOrderValue, newCustomersOnly } = line.eligibility;
  if (conversionTypes.length > 0 && !conversionTypes.includes(conversion.type)) return refuse("TYPE_NOT_ELIGIBLE", `“${conversion.type}” is not among the eligible types (${conversionTypes.join(", ")})`);
  if (!line.payouts.some((p) => p.conversionType === conversion.type)) return refuse("NO_PAYOUT_FOR_TYPE", `The line pays nothing for “${conversion.type}”`);
  if (geographies.length > 0 && (conversion.geography === null || !geographies.includes(conversion.geography))) {
    return refuse("GEOGRAPHY_NOT_ELIGIBLE", `${conversion.geography ?? "An unknown country"} is not among the eligible countries (${geographies.join(", ")})`);
  }
  if (minOrderValue !== null && (conversion.value === null || new Dec(conversion.value).lessThan(minOrderValue))) {
    return refuse("BELOW_MINIMUM_ORDER_VALUE", `Order value ${conversion.value ?? "missing"} is below the minimum of ${minOrderValue}`);
  }
  if (newCustomersOnly && conversion.newCustomer !== true) return refuse("RETURNING_CUSTOMER", "Only new customers count on this line");
  const at = Date.parse(conversion.occurredAt);
  const duplicateOf = earlierWithSameKey.find((t) => Date.parse(t) <= at && at - Date.parse(t) <= dedupeWindowHours * HOUR);
  if (conversion.dedupeKey !== null && duplicateOf) return refuse("DUPLICATE", `Same order or customer as a conversion at ${duplicateOf}, within the ${dedupeWindowHours}-hour dedupe window`);
  return { eligibility: "ELIGIBLE", reasonCode: null, reason: null, attributedExposureAt: touch.at, attributedKind: touch.kind };
}
