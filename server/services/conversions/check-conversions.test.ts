// The dry run a CSV import makes of each chunk before importing any: the same problems an import would refuse,
// nothing written, for ops only.
import { beforeAll, describe, expect, it } from "vitest";
import { fromToday, useContractWorld } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

let number: string;
const conversion = (o: Record<string, unknown> = {}) => ({ externalId: "ord-1", occurredAt: `${fromToday(-1)}T12:00:00Z`, type: "purchase", contract: number, line: "shop", ...o });

beforeAll(async () => {
  const { contract } = await active({
    terms: { cpaLines: [{ key: "shop", name: "Shop", payouts: [{ conversionType: "purchase", flat: "5" }], attribution: {}, eligibility: {} }] },
  });
  number = contract.number;
});

describe("conversions.check", () => {
  it("answers every problem of a batch by row, and writes nothing", async () => {
    const result = await as(cast.ops).conversions.check({
      rows: [conversion(), conversion({ externalId: "ord-2", line: "tv" }), conversion({ externalId: "ord-1" }), conversion({ externalId: "ord-3", exposures: [{ kind: "tap", at: "soon" }] })],
    });
    expect(result).toEqual({
      rows: 4,
      problemCount: 4,
      problems: [
        { row: 2, field: "line", message: `${number} has no CPA line “tv”` },
        { row: 3, field: "externalId", message: "Same external id as row 1" },
        { row: 4, field: "exposures.0.kind", message: "Use click or view" },
        { row: 4, field: "exposures.0.at", message: "Use an ISO time with its offset, e.g. 2026-10-03T14:05:00Z" },
      ],
    });
    expect(await t.db.conversion.count()).toBe(0);
    expect(await t.db.ingestBatch.count()).toBe(0);
  });

  it("answers no problems for a clean batch, still writing nothing", async () => {
    await expect(as(cast.ops).conversions.check({ rows: [conversion(), conversion({ externalId: "ord-2" })] })).resolves.toEqual({ rows: 2, problems: [], problemCount: 0 });
    expect(await t.db.conversion.count()).toBe(0);
  });

  it("is for those who may import, and does not find another advertiser's contracts for an advertiser's key", async () => {
    await expect(as(cast.finance).conversions.check({ rows: [conversion()] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const globexFeed = { type: "API_KEY" as const, id: "globex-feed", label: "Globex feed", scopes: ["conversions:write"], advertiserId: cast.globex.id };
    expect((await as(globexFeed).conversions.check({ rows: [conversion()] })).problems).toEqual([{ row: 1, field: "contract", message: `Unknown contract ${number}` }]);
  });
});
