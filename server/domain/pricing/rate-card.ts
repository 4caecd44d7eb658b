// Rate cards, pure: the entries a version holds, which version is in force on a day (or the pinned one), and
// what changed between two versions.
import { z } from "zod";
import type { IsoDate } from "../contracts/terms";
import { diffItems, type TermsChange } from "../contracts/terms-diff";
import { ZPricingModel } from "./pricing-model";

export const ZRateCardEntry = z.object({
  /** What contract lines reference ("sports"); stable across versions. */
  key: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and dashes"),
  name: z.string().trim().min(1, "Required").max(80),
  model: ZPricingModel,
});

export const ZRateCardEntries = z
  .array(ZRateCardEntry)
  .min(1, "Add at least one entry")
  .max(100)
  .superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      if (seen.has(e.key)) ctx.addIssue({ code: "custom", path: [i, "key"], message: `Key “${e.key}” is already used` });
      seen.add(e.key);
    });
  });

export type RateCardEntry = z.infer<typeof ZRateCardEntry>;

export interface RateCardVersionOf {
  number: number;
  effectiveFrom: IsoDate;
  entries: RateCardEntry[];
}

/** The version in force on `day` (the latest effective on or before it), or the pinned version number. */
export function rateCardVersionFor<V extends RateCardVersionOf>(versions: readonly V[], day: IsoDate, pinnedVersion: number | null = null): V | null {
  if (pinnedVersion !== null) return versions.find((v) => v.number === pinnedVersion) ?? null;
  let inForce: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom <= day && (!inForce || v.effectiveFrom > inForce.effectiveFrom || (v.effectiveFrom === inForce.effectiveFrom && v.number > inForce.number))) inForce = v;
  }
  return inForce;
}

export function rateCardEntryFor<V extends RateCardVersionOf>(versions: readonly V[], entryKey: string, day: IsoDate, pinnedVersion: number | null = null) {
  const version = rateCardVersionFor(versions, day, pinnedVersion);
  const entry = version?.entries.find((e) => e.key === entryKey) ?? null;
  return version && entry ? { version, entry } : null;
}

export function diffRateCardEntries(before: readonly RateCardEntry[], after: readonly RateCardEntry[]): TermsChange[] {
  return diffItems("Entry", before, after, (e) => e.key, (e) => e.name);
}
