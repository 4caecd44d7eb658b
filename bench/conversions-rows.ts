// The conversions bench's data (bench/conversions.ts): deterministic rows, batch by batch, so every run and every
// path (the service, the floor) sees the same conversions without holding more than one batch per worker.
//
// Batch b covers the b-th time slice of the period (a feed sending as conversions come in); each row picks a
// contract at random and is meant to end one of these ways, drawn with the shares below:
//   eligible (~85%):     a click inside the 7-day click lookback, or only a view inside the 1-day view lookback,
//                        geography US/CA/DE; older exposures beside it are ignored by last touch;
//   OUTSIDE_WINDOWS:     clicks 8–25 days and views 1.5–10 days before it;
//   GEOGRAPHY_NOT_ELIGIBLE: attributed, from FR/GB/BR;
//   DUPLICATE:           the dedupe key of an earlier conversion of the batch on the same contract, 1–6 h later.
// Conversions judged eligible on the few capped contracts may still end OVER_CAP (bench/conversions.ts sets the caps).
import type { BenchContract } from "./bench-world";

export const SEED = 20_261_101;
export const LINE_KEY = "shop";

const OUTSIDE_WINDOWS_SHARE = 0.08;
const WRONG_GEOGRAPHY_SHARE = 0.05;
const DUPLICATE_SHARE = 0.02;
const SIGNUP_SHARE = 0.1;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ELIGIBLE_GEOGRAPHIES = ["US", "US", "US", "CA", "DE"];
const OTHER_GEOGRAPHIES = ["FR", "GB", "BR"];
const PARTNERS = ["streamfront", "tvreach", "adloop"];

export type IntendedFate = "eligible" | "outsideWindows" | "wrongGeography" | "duplicate";

// A type, not an interface: the service takes rows as records of unknown values (an interface has no index signature).
export type ConversionFeedRow = {
  externalId: string;
  occurredAt: string;
  type: "purchase" | "signup";
  contract: string;
  line: string;
  value?: string;
  currency?: string;
  geography: string;
  newCustomer: boolean;
  partner?: string;
  dedupeKey: string;
  exposures: { kind: "click" | "view"; at: string }[];
};

export interface FeedPlan {
  contracts: readonly BenchContract[];
  /** The period's first instant and the instant after its last (ms since the epoch). */
  startMs: number;
  endMs: number;
  total: number;
  rowsPerBatch: number;
}

export const batchCount = (plan: FeedPlan) => Math.ceil(plan.total / plan.rowsPerBatch);

/** mulberry32: small, fast, and the same numbers on every machine. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

export function batchRows(plan: FeedPlan, b: number): { rows: ConversionFeedRow[]; fates: Record<IntendedFate, number> } {
  const random = prng(SEED ^ Math.imul(b + 1, 0x9e3779b1));
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

  const batches = batchCount(plan);
  const size = Math.min(plan.rowsPerBatch, plan.total - b * plan.rowsPerBatch);
  const slice = (plan.endMs - plan.startMs) / batches;
  const sliceStart = plan.startMs + b * slice;
  const rows: ConversionFeedRow[] = [];
  const fates: Record<IntendedFate, number> = { eligible: 0, outsideWindows: 0, wrongGeography: 0, duplicate: 0 };
  /** The last row of the batch meant to be eligible, per contract: what a duplicate repeats. */
  const lastEligible = new Map<string, ConversionFeedRow>();

  for (let i = 0; i < size; i++) {
    const contract = pick(plan.contracts);
    const type = random() < SIGNUP_SHARE ? "signup" : "purchase";
    const roll = random();
    const original = lastEligible.get(contract.number);
    const fate: IntendedFate =
      roll < OUTSIDE_WINDOWS_SHARE ? "outsideWindows" : roll < OUTSIDE_WINDOWS_SHARE + WRONG_GEOGRAPHY_SHARE ? "wrongGeography" : roll < OUTSIDE_WINDOWS_SHARE + WRONG_GEOGRAPHY_SHARE + DUPLICATE_SHARE && original ? "duplicate" : "eligible";
    fates[fate]++;

    const at = fate === "duplicate" ? Math.min(Date.parse(original!.occurredAt) + between(HOUR, 6 * HOUR), plan.endMs - 1_000) : between(sliceStart, sliceStart + slice);
    const exposures: ConversionFeedRow["exposures"] = [];
    if (fate === "outsideWindows") {
      for (let n = 1 + Math.floor(random() * 3); n > 0; n--) exposures.push(random() < 0.5 ? { kind: "click", at: iso(at - between(8 * DAY, 25 * DAY)) } : { kind: "view", at: iso(at - between(1.5 * DAY, 10 * DAY)) });
    } else {
      // The touch that attributes it, then up to two older ones last touch passes over.
      exposures.push(random() < 0.7 ? { kind: "click", at: iso(at - between(5 * MINUTE, 6 * DAY)) } : { kind: "view", at: iso(at - between(MINUTE, 20 * HOUR)) });
      for (let n = Math.floor(random() * 3); n > 0; n--) exposures.push({ kind: random() < 0.5 ? "click" : "view", at: iso(at - between(7.5 * DAY, 20 * DAY)) });
    }
    const row: ConversionFeedRow = {
      externalId: `conv-${b}-${i}`,
      occurredAt: iso(at),
      type,
      contract: contract.number,
      line: LINE_KEY,
      ...(type === "purchase" ? { value: between(10, 400).toFixed(2), currency: "USD" } : {}),
      geography: fate === "wrongGeography" ? pick(OTHER_GEOGRAPHIES) : pick(ELIGIBLE_GEOGRAPHIES),
      newCustomer: random() < 0.4,
      ...(random() < 0.9 ? { partner: pick(PARTNERS) } : {}),
      dedupeKey: fate === "duplicate" ? original!.dedupeKey : `order-${b}-${i}`,
      exposures,
    };
    if (fate === "eligible") lastEligible.set(contract.number, row);
    rows.push(row);
  }
  return { rows, fates };
}
