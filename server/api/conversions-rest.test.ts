// POST /api/v1/conversions and /conversions/reversals end to end through the route handler: a feed reports its
// conversions, reverses a billed one, and gets 400/404/409 — never a 500 — for what it must not do.
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/[...path]/route";
import { addDays } from "../domain/contracts/dates";
import { fromToday, useContractWorld } from "../testing/contracts";
import { insertUser, requestAs, userActor } from "../testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "../testing/test-db";
import { createApiKey } from "../services/apiKeys/api-keys";
import type { ApiKeyScope } from "../auth/permissions";

const t = useTestDatabase();
useAsProcessDatabase(t);
const { cast, active } = useContractWorld(t);

let number: string;
let acmeKey: string;
let globexKey: string;

const post = (path: string, body: unknown, key: string) =>
  POST(new Request(`http://localhost/api/v1${path}`, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", authorization: `Bearer ${key}` } }));

async function key(scopes: ApiKeyScope[], advertiserId: string) {
  const admin = requestAs(userActor(await insertUser(t.db, { email: `admin-${advertiserId}@tally.test`, role: "ADMIN" })));
  return (await createApiKey(t.db, admin, { name: "Feed", scopes, advertiserId })).plaintext;
}

const day = () => fromToday(-2);
const conversion = (externalId: string) => ({ externalId, occurredAt: `${day()}T12:00:00Z`, type: "signup", contract: number, line: "signups", exposures: [{ kind: "click", at: `${addDays(day(), -1)}T12:00:00Z` }] });

beforeAll(async () => {
  number = (await active({ terms: { cpaLines: [{ key: "signups", name: "Signups", payouts: [{ conversionType: "signup", flat: "3" }], attribution: {}, eligibility: {} }] } })).contract.number;
  acmeKey = await key(["conversions:write", "conversions:reverse"], cast.acme.id);
  globexKey = await key(["conversions:write", "conversions:reverse"], cast.globex.id);
  const res = await post("/conversions", { idempotencyKey: "feed-1", rows: [conversion("s-1"), conversion("s-2")] }, acmeKey);
  expect(res.status).toBe(200);
  // What a billing run records on issue (issue 6 will): s-1 billed at 3.00 last month.
  await t.db.conversion.updateMany({ where: { externalId: "s-1" }, data: { review: "APPROVED", billedAt: new Date(), billedPeriod: "2026-01", billedAmount: "3" } });
});

describe("POST /api/v1/conversions/reversals", () => {
  it("reverses a billed conversion by external id, and a retry is harmless", async () => {
    const first = await post("/conversions/reversals", { externalIds: ["s-1"], reason: "RETURNED_ORDER" }, acmeKey);
    expect([first.status, await first.json()]).toEqual([200, { reversed: 1, alreadyReversed: 0 }]);
    const retry = await post("/conversions/reversals", { externalIds: ["s-1"], reason: "RETURNED_ORDER" }, acmeKey);
    expect(await retry.json()).toEqual({ reversed: 0, alreadyReversed: 1 });
  });

  it("answers 409 for a conversion not billed yet, 404 for another advertiser's, 400 for malformed bodies", async () => {
    const unbilled = await post("/conversions/reversals", { externalIds: ["s-2"], reason: "CHARGEBACK" }, acmeKey);
    expect(unbilled.status).toBe(409);
    expect(await unbilled.json()).toMatchObject({ data: { appCode: "CONVERSION_NOT_REVERSIBLE" } });
    const foreign = await post("/conversions/reversals", { externalIds: ["s-1"], reason: "CHARGEBACK" }, globexKey);
    expect(foreign.status).toBe(404);
    for (const body of ["{not json", { externalIds: ["s-1"] }, { externalIds: ["s-1"], reason: "BORED" }, { ids: ["x"], reason: "FRAUD" }, { reason: "FRAUD" }, []]) {
      const res = await post("/conversions/reversals", body, acmeKey);
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
  });
});
