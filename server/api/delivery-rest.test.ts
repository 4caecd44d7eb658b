// POST /api/v1/delivery end to end through the route handler: key scope and binding, the refusal report, replays.
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/[...path]/route";
import { fromToday, useContractWorld } from "../testing/contracts";
import { insertUser, requestAs, userActor } from "../testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "../testing/test-db";
import { createApiKey } from "../services/apiKeys/api-keys";
import type { ApiKeyScope } from "../auth/permissions";

const t = useTestDatabase();
useAsProcessDatabase(t);
const { cast, active } = useContractWorld(t);

let acmeNumber: string;
let globexNumber: string;
let acmeKey: string;

const post = (body: unknown, key?: string) =>
  POST(new Request("http://localhost/api/v1/delivery", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) } }));

async function key(scopes: ApiKeyScope[], advertiserId: string | null) {
  const admin = requestAs(userActor(await insertUser(t.db, { email: `admin-${scopes.join("-")}-${advertiserId}@tally.test`, role: "ADMIN" })));
  return (await createApiKey(t.db, admin, { name: "Pipeline", scopes, advertiserId })).plaintext;
}

beforeAll(async () => {
  acmeNumber = (await active()).contract.number;
  globexNumber = (await active({ advertiserId: cast.globex.id, header: { title: "Globex CTV" } })).contract.number;
  acmeKey = await key(["delivery:write"], cast.acme.id);
});

const rows = (contract: string) => [{ date: fromToday(-1), contract, line: "sports", source: "first_party", impressions: 5000 }];

describe("POST /api/v1/delivery", () => {
  it("imports a batch for the key's advertiser, and answers a replay with the original result", async () => {
    const first = await post({ idempotencyKey: "rest-1", rows: rows(acmeNumber) }, acmeKey);
    expect(first.status).toBe(200);
    const body = await first.json();
    expect(body).toMatchObject({ rows: 1, corrections: 0, contracts: [acmeNumber], replayed: false });
    const replay = await post({ idempotencyKey: "rest-1", rows: rows(acmeNumber) }, acmeKey);
    expect(await replay.json()).toEqual({ ...body, replayed: true });
  });

  it("refuses another advertiser's contract with 400 and a row report that reads like an unknown contract", async () => {
    const res = await post({ idempotencyKey: "rest-2", rows: rows(globexNumber) }, acmeKey);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ data: { appCode: "DELIVERY_REJECTED", details: { problems: [{ row: 1, field: "contract", message: `Unknown contract ${globexNumber}` }], problemCount: 1 } } });
  });

  it("answers 409 to a used key with other content", async () => {
    await post({ idempotencyKey: "rest-3", rows: rows(acmeNumber) }, acmeKey);
    const res = await post({ idempotencyKey: "rest-3", rows: [{ ...rows(acmeNumber)[0], impressions: 1 }] }, acmeKey);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ data: { appCode: "IDEMPOTENCY_KEY_REUSED" } });
  });

  it("needs the delivery:write scope and a key", async () => {
    const readOnly = await key(["contracts:read"], cast.acme.id);
    expect((await post({ idempotencyKey: "rest-4", rows: rows(acmeNumber) }, readOnly)).status).toBe(403);
    expect((await post({ idempotencyKey: "rest-4", rows: rows(acmeNumber) })).status).toBe(401);
  });

  it("answers malformed bodies with 400 and field messages, never 500", async () => {
    const cases: unknown[] = ["{not json", { rows: rows(acmeNumber) }, { idempotencyKey: "x", rows: "all of them" }, { idempotencyKey: "x", rows: [] }, { idempotencyKey: "has spaces", rows: rows(acmeNumber) }, { idempotencyKey: "x", rows: Array.from({ length: 10_001 }, () => rows(acmeNumber)[0]) }];
    for (const body of cases) {
      const res = await post(body, acmeKey);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const res = await post({ idempotencyKey: "x", rows: [] }, acmeKey);
    expect(await res.json()).toMatchObject({ data: { fieldErrors: { rows: ["Send at least one row"] } } });
  });
});
