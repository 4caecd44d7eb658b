// Caps at ingestion, on a real database: the conversion that reaches a cap counts, the next is OVER_CAP with its
// reason; what earlier batches counted is remembered; concurrent batches never both take the last place.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { addDays } from "../../domain/contracts/dates";
import { fromToday, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { ingestConversions } from "./ingest-conversions";

const t = useTestDatabase();
const { cast, active } = useContractWorld(t);

let number: string;
let contractId: string;
let feed: Extract<Actor, { type: "API_KEY" }>;
/** Two consecutive past days of the same month inside the term, whatever today is. */
let [dayOne, dayTwo] = ["", ""];

const conversion = (externalId: string, day: string, o: Record<string, unknown> = {}) => ({
  externalId,
  occurredAt: `${day}T12:00:00Z`,
  type: "purchase",
  contract: number,
  line: "shop",
  exposures: [{ kind: "click", at: `${addDays(day, -1)}T09:00:00Z` }],
  ...o,
});

beforeAll(async () => {
  // 20.00 a conversion; at most 3 a day and 100.00 a month.
  const { contract } = await active({
    terms: {
      cpaLines: [
        {
          key: "shop",
          name: "Shop purchases",
          payouts: [{ conversionType: "purchase", flat: "20" }],
          attribution: {},
          eligibility: {},
          caps: { perDay: { conversions: 3 }, perPeriod: { spend: "100" } },
        },
      ],
    },
  });
  number = contract.number;
  contractId = contract.id;
  feed = { type: "API_KEY", id: "caps-feed", label: "Caps feed", scopes: ["conversions:write"], advertiserId: cast.acme.id };
  let k = 3;
  while (fromToday(-k).slice(0, 7) !== fromToday(-k - 1).slice(0, 7)) k++;
  [dayOne, dayTwo] = [fromToday(-k - 1), fromToday(-k)];
});

const stored = () => t.db.conversion.findMany({ where: { contractId }, orderBy: [{ occurredAt: "asc" }, { externalId: "asc" }] });

describe("conversion caps at ingestion", () => {
  it("counts exactly up to the daily cap, and keeps the next one as OVER_CAP with its reason", async () => {
    const rows = ["a1", "a2", "a3", "a4"].map((id, i) => conversion(id, dayOne, { occurredAt: `${dayOne}T1${i}:00:00Z` }));
    const result = await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "caps-1", rows });
    expect(result).toMatchObject({ accepted: 4, eligible: 3, overCap: 1, ineligible: 0 });
    const all = await stored();
    expect(all.map((c) => [c.externalId, c.eligibility, c.reasonCode, c.payout?.toString()])).toEqual([
      ["a1", "ELIGIBLE", null, "20"],
      ["a2", "ELIGIBLE", null, "20"],
      ["a3", "ELIGIBLE", null, "20"],
      ["a4", "OVER_CAP", "OVER_DAILY_CAP", "20"],
    ]);
    expect(all[3].reason).toBe("Over the line's daily cap of 3 conversions");
  });

  it("remembers what earlier batches counted: the month's spend cap stops the sixth conversion", async () => {
    // 3 × 20 = 60 counted on day one; 100 allows two more in the month.
    const result = await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "caps-2", rows: [conversion("b1", dayTwo), conversion("b2", dayTwo, { occurredAt: `${dayTwo}T13:00:00Z` }), conversion("b3", dayTwo, { occurredAt: `${dayTwo}T14:00:00Z` })] });
    expect(result).toMatchObject({ eligible: 2, overCap: 1 });
    const third = (await stored()).find((c) => c.externalId === "b3")!;
    expect([third.eligibility, third.reasonCode, third.reason]).toEqual(["OVER_CAP", "OVER_PERIOD_CAP", "Over the line's monthly cap of 100.00 USD (100.00 USD counted, this one pays 20.00 USD)"]);
  });

  it("never lets two concurrent batches both take the last place under a cap", async () => {
    // A rejected conversion frees room for conversions judged after it: reject one of day one's three.
    const a1 = (await stored()).find((c) => c.externalId === "a1")!;
    await t.db.conversion.update({ where: { id: a1.id }, data: { review: "REJECTED", reviewReason: "Fraud" } });
    // Now 80 counted in the month: room for exactly one more. Five batches race for it.
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => ingestConversions(t.db, requestAs(feed), { idempotencyKey: `race-${n}`, rows: [conversion(`race-${n}`, dayTwo, { occurredAt: `${dayTwo}T15:0${n}:00Z` })] })),
    );
    expect(results.reduce((sum, r) => sum + r.eligible, 0)).toBe(1);
    expect(results.reduce((sum, r) => sum + r.overCap, 0)).toBe(4);
  });
});
