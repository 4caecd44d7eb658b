// Demo delivery: last month and this month up to yesterday for the demo CPM contracts, sent through the same
// ingestion service as the API (so batches, corrections and the audit trail are real). Deterministic numbers,
// shaped to show what the pages explain: weekend peaks, a News line whose verified count runs 12% under the ad
// server's (flagged for review), Entertainment running into its period cap, and one corrected day.
import { systemActor, type RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { addDays, addMonths, maxDate, todayIso } from "../../domain/contracts/dates";
import type { RawDeliveryRow } from "../../domain/delivery/delivery-batch";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { ingestDelivery } from "../delivery/ingest-delivery";

/** Impressions per day by line key, and how the verifier's count compares (1 = equal). */
const PROFILES: Record<string, { daily: number; thirdPartyRatio: number }> = {
  sports: { daily: 180_000, thirdPartyRatio: 0.97 },
  news: { daily: 120_000, thirdPartyRatio: 0.88 },
  entertainment: { daily: 260_000, thirdPartyRatio: 0.985 },
  outdoor: { daily: 60_000, thirdPartyRatio: 0.95 },
};

/** A stable wobble in [0.85, 1.15) from the day, so reseeding gives the same figures. */
function wobble(day: string, key: string): number {
  let h = 2166136261;
  for (const c of day + key) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return 0.85 + (h % 3000) / 10_000;
}

export async function seedDemoDelivery(db: Db) {
  const ctx: RequestContext = { actor: systemActor("demo delivery pipeline"), source: "CLI", requestId: "seed-demo-delivery" };
  const today = todayIso();
  const from = addMonths(today.slice(0, 8) + "01", -1);
  const contracts = await findContractsWithTerms(db, ctx.actor, { status: "ACTIVE" });
  for (const contract of contracts) {
    const rows: RawDeliveryRow[] = [];
    for (let day = maxDate(from, contract.term.start); day < today; day = addDays(day, 1)) {
      const inForce = [...contract.versions].reverse().find((v) => v.effectiveFrom <= day);
      for (const line of inForce?.terms.cpmLines ?? []) {
        const profile = PROFILES[line.key];
        if (!profile) continue;
        const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) ? 1.3 : 1;
        const first = Math.round(profile.daily * weekend * wobble(day, line.key));
        rows.push({ date: day, contract: contract.number, line: line.key, source: "first_party", impressions: first });
        rows.push({ date: day, contract: contract.number, line: line.key, source: "third_party", impressions: Math.round(first * profile.thirdPartyRatio * wobble(day, `${line.key}3p`) ** 0.1) });
      }
    }
    if (rows.length === 0) continue;
    await ingestDelivery(db, ctx, { idempotencyKey: `demo-${contract.number}-${from}`, rows }, "SYSTEM");
    // The ad server restated one day after a late log arrived: a correction that supersedes the first count.
    const restated = rows.find((r) => r.source === "first_party");
    if (restated) await ingestDelivery(db, ctx, { idempotencyKey: `demo-${contract.number}-restatement`, rows: [{ ...restated, impressions: Number(restated.impressions) + 4_210 }] }, "SYSTEM");
  }
}
