import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { callerAs, insertAdvertiser, insertUser, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";

const t = useTestDatabase();
let acmeUser: Actor;
let admin: Actor;
let ops: Actor;

beforeAll(async () => {
  const acme = await insertAdvertiser(t.db, "acme");
  const globex = await insertAdvertiser(t.db, "globex");
  acmeUser = userActor(await insertUser(t.db, { email: "a1@acme.test", role: "ADVERTISER", advertiserId: acme.id }));
  await insertUser(t.db, { email: "a2@acme.test", role: "ADVERTISER", advertiserId: acme.id });
  await insertUser(t.db, { email: "g1@globex.test", role: "ADVERTISER", advertiserId: globex.id });
  const disabled = await insertUser(t.db, { email: "g2@globex.test", role: "ADVERTISER", advertiserId: globex.id });
  await t.db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
  admin = userActor(await insertUser(t.db, { email: "admin@test", role: "ADMIN" }));
  ops = userActor(await insertUser(t.db, { email: "ops@test", role: "OPS" }));
});

describe("dashboard summary", () => {
  it("counts only the advertiser's own account and its active users for an advertiser", async () => {
    const summary = await callerAs(t.db, acmeUser).dashboard.summary();
    expect(summary).toEqual({ advertisers: 1, advertiserUsers: 2, activeUsersByRole: null, activeApiKeys: null, auditEntries24h: null });
  });

  it("gives ops every advertiser but no user, key or audit figures", async () => {
    const summary = await callerAs(t.db, ops).dashboard.summary();
    expect(summary).toMatchObject({ advertisers: 2, advertiserUsers: 3, activeUsersByRole: null, activeApiKeys: null, auditEntries24h: null });
  });

  it("gives an admin active users by role, keys and audit activity", async () => {
    const summary = await callerAs(t.db, admin).dashboard.summary();
    expect(summary.activeUsersByRole).toEqual({ ADVERTISER: 3, ADMIN: 1, OPS: 1 });
    expect(summary.activeApiKeys).toBe(0);
    expect(summary.auditEntries24h).toBe(0);
  });

  it("requires a signed-in caller", async () => {
    await expect(callerAs(t.db, null).dashboard.summary()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
