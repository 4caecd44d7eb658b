import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../auth/actor";
import { callerAs, insertAdvertiser, insertUser, requestAs, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { appErrorOf, clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { authenticateApiKey, createApiKey, revokeApiKey } from "./api-keys";

const t = useTestDatabase();

let admin: Actor;
let acmeId: string;

beforeAll(async () => {
  admin = userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" }));
  acmeId = (await insertAdvertiser(t.db, "acme")).id;
});

const newKey = (input: Partial<Parameters<typeof createApiKey>[2]> = {}) =>
  createApiKey(t.db, requestAs(admin), { name: "Delivery pipeline", scopes: ["delivery:write"], ...input });

describe("createApiKey", () => {
  it("returns the plaintext once and stores only the SHA-256 of its secret", async () => {
    const { key, plaintext } = await newKey({ scopes: ["delivery:write", "conversions:write", "delivery:write"] });
    const [, prefix, secret] = /^(tly_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/.exec(plaintext) ?? [];
    expect(prefix).toBe(key.prefix);
    expect(key.scopes).toEqual(["delivery:write", "conversions:write"]);

    const row = await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.secretHash).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(row.secretHash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("audits the creation without the secret", async () => {
    const { key, plaintext } = await newKey({ advertiserId: acmeId });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "apiKey.created", entityId: key.id } });
    expect(audit.after).toEqual({ name: "Delivery pipeline", prefix: key.prefix, scopes: ["delivery:write"], advertiserId: acmeId });
    expect(JSON.stringify(audit.after)).not.toContain(plaintext.slice(key.prefix.length + 1));
  });

  it("refuses an advertiser that does not exist, on the advertiserId field", async () => {
    const err = await appErrorOf(newKey({ advertiserId: "00000000-0000-4000-8000-000000000000" }));
    expect(err).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { advertiserId: ["No such advertiser"] } });
  });

  it("is refused to anything but a signed-in user (a key is always traceable to a person)", async () => {
    const err = await appErrorOf(createApiKey(t.db, requestAs(systemActor()), { name: "From a job", scopes: ["delivery:write"] }));
    expect(err.code).toBe("FORBIDDEN");
  });
});

describe("authenticateApiKey", () => {
  it("resolves a valid key to an API-key actor with its scopes and advertiser", async () => {
    const { key, plaintext } = await newKey({ scopes: ["advertisers:read"], advertiserId: acmeId });
    expect(await authenticateApiKey(t.db, plaintext)).toEqual({
      type: "API_KEY",
      id: key.id,
      label: `Delivery pipeline (${key.prefix})`,
      scopes: ["advertisers:read"],
      advertiserId: acmeId,
    });
  });

  it("refuses a token with a known prefix but the wrong secret", async () => {
    const { key } = await newKey();
    const forged = `${key.prefix}_${"A".repeat(43)}`;
    expect((await appErrorOf(authenticateApiKey(t.db, forged))).code).toBe("UNAUTHENTICATED");
  });

  it.each([["garbage"], [""], ["tly_0123456789ab_short"], [`tly_0123456789ab_${"A".repeat(43)}`]])("refuses the token %j as UNAUTHENTICATED", async (token) => {
    expect((await appErrorOf(authenticateApiKey(t.db, token))).code).toBe("UNAUTHENTICATED");
  });

  it("refuses a revoked key with API_KEY_REVOKED", async () => {
    const { key, plaintext } = await newKey();
    await revokeApiKey(t.db, requestAs(admin), { id: key.id, reason: "leaked" });
    expect((await appErrorOf(authenticateApiKey(t.db, plaintext))).code).toBe("API_KEY_REVOKED");
  });

  it("records when a key was last used, but writes at most once a minute", async () => {
    const { key, plaintext } = await newKey();
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeNull();
    await authenticateApiKey(t.db, plaintext);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toBeInstanceOf(Date);

    const recent = new Date(Date.now() - 10_000);
    await t.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: recent } });
    await authenticateApiKey(t.db, plaintext);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt).toEqual(recent);

    const stale = new Date(Date.now() - 5 * 60_000);
    await t.db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: stale } });
    await authenticateApiKey(t.db, plaintext);
    expect((await t.db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt!.getTime()).toBeGreaterThan(stale.getTime());
  });
});

describe("revokeApiKey", () => {
  it("revokes once, audits with the reason, and is a no-op the second time", async () => {
    const { key } = await newKey();
    const revoked = await revokeApiKey(t.db, requestAs(admin), { id: key.id, reason: "leaked" });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    const again = await revokeApiKey(t.db, requestAs(admin), { id: key.id });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    const entries = await t.db.auditLog.findMany({ where: { action: "apiKey.revoked", entityId: key.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0].reason).toBe("leaked");
  });

  it("answers NOT_FOUND for an unknown key", async () => {
    expect((await appErrorOf(revokeApiKey(t.db, requestAs(admin), { id: "00000000-0000-4000-8000-000000000000" }))).code).toBe("NOT_FOUND");
  });
});

describe("apiKeys router", () => {
  it("lets an admin create, list and revoke keys, never listing a secret", async () => {
    const caller = callerAs(t.db, admin);
    const { key, plaintext } = await caller.apiKeys.create({ name: "Attribution feed", scopes: ["conversions:write"] });
    const listed = (await caller.apiKeys.list()).find((k) => k.id === key.id);
    expect(listed).toMatchObject({ name: "Attribution feed", prefix: key.prefix, revokedAt: null, createdBy: { email: "admin@tally.test" } });
    expect(listed).not.toHaveProperty("secretHash");
    expect(JSON.stringify(await caller.apiKeys.list())).not.toContain(plaintext);
    expect((await caller.apiKeys.revoke({ id: key.id })).revokedAt).toBeInstanceOf(Date);
  });

  it("lists the grantable scopes", async () => {
    expect(await callerAs(t.db, admin).apiKeys.scopes()).toEqual(["advertisers:read", "contracts:read", "delivery:write", "conversions:write", "conversions:reverse", "invoices:read", "reports:read"]);
  });

  it("rejects an unknown scope and an empty scope list, on the scopes field", async () => {
    const caller = callerAs(t.db, admin);
    const unknown = await rejectionOf(caller.apiKeys.create({ name: "Too much", scopes: ["users:manage" as never] }));
    expect(unknown.code).toBe("BAD_REQUEST");
    expect(Object.keys(clientErrorOf(unknown).data.fieldErrors ?? {})).toEqual(["scopes.0"]);
    const empty = await rejectionOf(caller.apiKeys.create({ name: "Nothing", scopes: [] }));
    expect(clientErrorOf(empty).data.fieldErrors).toEqual({ scopes: ["Choose at least one scope"] });
  });

  it.each(["OPS", "FINANCE", "ADVERTISER"] as const)("refuses %s with FORBIDDEN", async (role) => {
    const actor: Actor = { type: "USER", id: "11111111-1111-4111-8111-111111111111", label: role, role, advertiserId: role === "ADVERTISER" ? acmeId : null };
    expect((await rejectionOf(callerAs(t.db, actor).apiKeys.create({ name: "Mine", scopes: ["delivery:write"] }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(callerAs(t.db, actor).apiKeys.list())).code).toBe("FORBIDDEN");
  });

  it("does not let an API key mint keys", async () => {
    const { plaintext } = await newKey({ scopes: ["advertisers:read", "delivery:write", "conversions:write", "invoices:read"] });
    const keyCaller = callerAs(t.db, await authenticateApiKey(t.db, plaintext));
    expect((await rejectionOf(keyCaller.apiKeys.create({ name: "Child", scopes: ["delivery:write"] }))).code).toBe("FORBIDDEN");
  });
});
