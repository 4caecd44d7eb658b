// The REST surface for machine clients (/api/v1), end to end through the route handler itself:
// bearer key → context → procedure → JSON with the right HTTP status.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/[...path]/route";
import type { ApiKeyScope } from "../auth/permissions";
import { insertAdvertiser, insertUser, requestAs, userActor } from "../testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "../testing/test-db";
import { createApiKey, revokeApiKey } from "../services/apiKeys/api-keys";
import { openApiDocument } from "./openapi";

const t = useTestDatabase();
useAsProcessDatabase(t);

let acmeId: string;
let globexId: string;
let adminCtx: ReturnType<typeof requestAs>;

beforeAll(async () => {
  acmeId = (await insertAdvertiser(t.db, "acme")).id;
  globexId = (await insertAdvertiser(t.db, "globex")).id;
  adminCtx = requestAs(userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" })));
});

/** GET /api/v1<path>, with the key as bearer token when given. */
function call(path: string, key?: string, headers: Record<string, string> = {}) {
  return GET(new Request(`http://localhost/api/v1${path}`, { headers: { ...headers, ...(key ? { authorization: `Bearer ${key}` } : {}) } }));
}

const key = async (scopes: ApiKeyScope[], advertiserId: string | null = null) => createApiKey(t.db, adminCtx, { name: "Test client", scopes, advertiserId });

describe("GET /api/v1/whoami", () => {
  it("answers 200 with the key's identity and scopes", async () => {
    const { key: created, plaintext } = await key(["advertisers:read", "invoices:read"], acmeId);
    const res = await call("/whoami", plaintext);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      type: "API_KEY",
      id: created.id,
      label: `Test client (${created.prefix})`,
      role: null,
      scopes: ["advertisers:read", "invoices:read"],
      advertiserId: acmeId,
    });
  });

  it("echoes the caller's request id, or issues one, in x-request-id", async () => {
    const { plaintext } = await key(["advertisers:read"]);
    const echoed = await call("/whoami", plaintext, { "x-request-id": "support-ticket-42" });
    expect(echoed.headers.get("x-request-id")).toBe("support-ticket-42");
    const issued = await call("/whoami", plaintext);
    expect(issued.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers 401 without an Authorization header", async () => {
    const res = await call("/whoami");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("answers 401 for a garbage key, saying the key is invalid", async () => {
    const res = await call("/whoami", "not-a-key");
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "UNAUTHORIZED", message: "Invalid API key", data: { appCode: "UNAUTHENTICATED" } });
  });

  it("answers 401 for a revoked key", async () => {
    const { key: created, plaintext } = await key(["advertisers:read"]);
    await revokeApiKey(t.db, adminCtx, { id: created.id });
    const res = await call("/whoami", plaintext);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ data: { appCode: "API_KEY_REVOKED" } });
  });

  it("records when the key was last used", async () => {
    const { key: created, plaintext } = await key(["invoices:read"]);
    await call("/whoami", plaintext);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).toBeInstanceOf(Date);
  });
});

describe("GET /api/v1/advertisers", () => {
  it("answers 403 to a key without the advertisers:read scope", async () => {
    const { plaintext } = await key(["invoices:read"]);
    const res = await call("/advertisers", plaintext);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "FORBIDDEN", message: "Requires the advertisers:read permission" });
  });

  it("lists only the bound advertiser for a key bound to Acme", async () => {
    const { plaintext } = await key(["advertisers:read"], acmeId);
    const res = await call("/advertisers", plaintext);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 1, page: 1, pageCount: 1 });
    expect(body.items.map((a: { slug: string }) => a.slug)).toEqual(["acme"]);
  });

  it("lists every advertiser for an unbound key, with paging from the query string", async () => {
    const { plaintext } = await key(["advertisers:read"]);
    const res = await call("/advertisers?pageSize=1&page=2", plaintext);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 2, page: 2, pageCount: 2 });
    expect(body.items.map((a: { slug: string }) => a.slug)).toEqual(["globex"]);
  });

  it("answers 404 for another advertiser's id, the same as for an unknown id", async () => {
    const { plaintext } = await key(["advertisers:read"], acmeId);
    const other = await call(`/advertisers/${globexId}`, plaintext);
    const unknown = await call("/advertisers/00000000-0000-4000-8000-0000000000ff", plaintext);
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await other.json()).toEqual(await unknown.json());
  });

  it("answers 200 for the bound advertiser's own id", async () => {
    const { plaintext } = await key(["advertisers:read"], acmeId);
    const res = await call(`/advertisers/${acmeId}`, plaintext);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: acmeId, slug: "acme", users: [] });
  });

  it("answers 400 naming the field for an id that is not a uuid", async () => {
    const { plaintext } = await key(["advertisers:read"]);
    const res = await call("/advertisers/not-a-uuid", plaintext);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ code: "BAD_REQUEST", data: { appCode: "VALIDATION_FAILED", fieldErrors: { id: ["Not an advertiser id"] } } });
    expect(body.issues).toEqual([expect.objectContaining({ path: ["id"], message: "Not an advertiser id" })]);
  });

  it("never returns a stack trace or internals in an error body", async () => {
    const res = await call("/advertisers/not-a-uuid", (await key(["advertisers:read"])).plaintext);
    expect(JSON.stringify(await res.json())).not.toMatch(/stack|node_modules|at .*\.ts:/);
  });
});

describe("API keys at rest", () => {
  it("never stores the plaintext key", async () => {
    const { key: created, plaintext } = await key(["advertisers:read"]);
    const admin = await t.admin();
    try {
      const { rows } = await admin.query(`SELECT secret_hash, row_to_json(api_key)::text AS everything FROM api_key WHERE id = $1`, [created.id]);
      const secret = plaintext.slice(created.prefix.length + 1);
      expect(rows[0].secret_hash).not.toBe(secret);
      expect(rows[0].secret_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].everything).not.toContain(secret);
    } finally {
      await admin.end();
    }
  });
});

describe("GET /api/v1/reports", () => {
  beforeAll(async () => {
    // Two issued invoices of the same month, one per advertiser: 100.00 and 250.00 USD, neither paid.
    for (const [advertiserId, total, n] of [[acmeId, "100", 1], [globexId, "250", 2]] as const) {
      await t.db.invoice.create({
        data: { contractId: crypto.randomUUID(), advertiserId, period: "2026-10", currency: "USD", total, flags: [], status: "ISSUED", number: `INV-2026-00000${n}`, issuedAt: new Date("2026-11-01T00:00:00Z"), dueDate: new Date("2026-12-01T00:00:00Z") },
      });
    }
  });

  const netOf = async (res: Response) => ((await res.json()) as { currencies: Array<{ totals: { net: string } }> }).currencies.map((c) => c.totals.net);

  it("answers revenue by month to a reports:read key: every advertiser's for an unbound key, its own for a bound one", async () => {
    const all = await call("/reports/revenue-by-month?months=3&endPeriod=2026-11", (await key(["reports:read"])).plaintext);
    expect(all.status).toBe(200);
    expect(await netOf(all)).toEqual(["350"]);
    const acme = await call("/reports/revenue-by-month?months=3&endPeriod=2026-11", (await key(["reports:read"], acmeId)).plaintext);
    expect(await netOf(acme)).toEqual(["100"]);
  });

  it("answers receivables aging, scoped the same way", async () => {
    const res = await call("/reports/receivables-aging?asOf=2026-12-15", (await key(["reports:read"], globexId)).plaintext);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { currencies: Array<{ total: { amount: string; invoices: number }; overdue: { amount: string } }> };
    expect(body.currencies.map((c) => [c.total.amount, c.total.invoices, c.overdue.amount])).toEqual([["250", 1, "250"]]);
  });

  it("answers 403 to a key without the reports:read scope, and 400 naming the field for a bad month count", async () => {
    expect((await call("/reports/revenue-by-month", (await key(["invoices:read"])).plaintext)).status).toBe(403);
    const bad = await call("/reports/revenue-by-month?months=0", (await key(["reports:read"])).plaintext);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("At least 1 month");
  });
});

describe("the OpenAPI document", () => {
  it("publishes exactly the REST procedures, each behind the bearer key", () => {
    const doc = openApiDocument("http://localhost/api/v1");
    const paths = ["/advertisers", "/advertisers/{id}", "/contracts", "/contracts/{id}", "/conversions", "/conversions/reversals", "/delivery", "/reports/receivables-aging", "/reports/revenue-by-month", "/whoami"];
    expect(Object.keys(doc.paths ?? {}).sort()).toEqual(paths);
    expect(doc.servers).toEqual([{ url: "http://localhost/api/v1" }]);
    for (const path of paths) {
      const operation = doc.paths![path]!.get ?? doc.paths![path]!.post;
      expect(operation?.security).toEqual([{ Authorization: [] }]);
    }
  });

  it("names the server the caller reached, not whichever origin asked first", () => {
    openApiDocument("http://first.example/api/v1");
    expect(openApiDocument("https://tally.example.com/api/v1").servers).toEqual([{ url: "https://tally.example.com/api/v1" }]);
  });
});
