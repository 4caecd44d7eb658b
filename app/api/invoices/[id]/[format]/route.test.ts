import { beforeAll, describe, expect, it } from "vitest";
import { periodBounds, periodOf, shiftPeriod } from "@/server/domain/billing/billing-period";
import { contractHeader, fromToday, platformFee, useContractWorld } from "@/server/testing/contracts";
import { insertUser, requestAs, userActor } from "@/server/testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "@/server/testing/test-db";
import { findContractsWithTerms } from "@/server/services/contracts/contract-terms-in-force";
import { draftContractInvoice } from "@/server/services/invoices/draft-contract-invoice";
import { createApiKey, revokeApiKey } from "@/server/services/apiKeys/api-keys";
import { GET } from "./route";

const t = useTestDatabase();
useAsProcessDatabase(t);
const { cast, as, active } = useContractWorld(t);
const period = shiftPeriod(periodOf(fromToday(0)), -1);
const ids = { draft: "", issued: "" };
const keys = { acme: "", globex: "", contractsOnly: "", revoked: "" };

beforeAll(async () => {
  for (const k of ["draft", "issued"] as const) {
    const { contract } = await active({ header: contractHeader({ termStart: periodBounds(period).from }), terms: { recurringFees: [platformFee("1000")] } });
    const [w] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
    ids[k] = (await draftContractInvoice(t.db, w, period)).invoiceId;
  }
  await as(cast.finance).invoices.issue({ id: ids.issued });
  const admin = requestAs(userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" })));
  keys.acme = (await createApiKey(t.db, admin, { name: "acme", scopes: ["invoices:read"], advertiserId: cast.acme.id })).plaintext;
  keys.globex = (await createApiKey(t.db, admin, { name: "globex", scopes: ["invoices:read"], advertiserId: cast.globex.id })).plaintext;
  keys.contractsOnly = (await createApiKey(t.db, admin, { name: "c", scopes: ["contracts:read"], advertiserId: cast.acme.id })).plaintext;
  const r = await createApiKey(t.db, admin, { name: "r", scopes: ["invoices:read"], advertiserId: cast.acme.id });
  await revokeApiKey(t.db, admin, { id: r.key.id });
  keys.revoked = r.plaintext;
});

const get = (id: string, format: string, key?: string) =>
  GET(new Request(`http://x/api/invoices/${id}/${format}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }), { params: Promise.resolve({ id, format }) });

describe("GET /api/invoices/[id]/[format]", () => {
  it("sends an advertiser's key its own issued invoice as an attachment, never cached", async () => {
    const res = await get(ids.issued, "pdf", keys.acme);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="INV-\d{4}-\d{6}\.pdf"$/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await get(ids.issued, "csv", keys.acme)).headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("answers 401 without a caller, 403 without invoices:read, 404 for what the caller may not see or cannot name", async () => {
    const answers = await Promise.all([
      get(ids.issued, "pdf"),
      get(ids.issued, "pdf", keys.revoked),
      get(ids.issued, "pdf", keys.contractsOnly),
      get(ids.issued, "pdf", keys.globex),
      get(ids.draft, "pdf", keys.acme),
      get(ids.issued, "docx", keys.acme),
      get("not-a-uuid", "pdf", keys.acme),
    ]);
    expect(await Promise.all(answers.map(async (r) => [r.status, await r.json()]))).toEqual([
      [401, { error: "Sign in first" }],
      [401, { error: "The API key was revoked" }],
      [403, { error: "Requires the invoices:read permission" }],
      [404, { error: "Invoice not found" }],
      [404, { error: "Invoice not found" }],
      [404, { error: "Invoice not found" }],
      [404, { error: "Invoice not found" }],
    ]);
  });
});
