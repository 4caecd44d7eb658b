import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../../testing/test-db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { signIn } from "../auth/sign-in";
import { DEMO_ADVERTISERS, DEMO_PASSWORD, DEMO_USERS, seedDemoWorld } from "./seed-demo";

const t = useTestDatabase();
const policy = { maxFailures: 5, windowMinutes: 15 };

describe("seedDemoWorld", () => {
  it("creates the demo advertisers and one account per demo user, bound as listed", async () => {
    expect(await seedDemoWorld(t.db)).toEqual({ created: true });
    const advertisers = await t.db.advertiser.findMany({ orderBy: { slug: "asc" } });
    expect(advertisers.map((a) => [a.slug, a.currency])).toEqual(DEMO_ADVERTISERS.map((a) => [a.slug, a.currency]).sort());

    const users = await t.db.user.findMany({ include: { advertiser: true } });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const u of DEMO_USERS) {
      const stored = users.find((s) => s.email === u.email);
      expect(stored, u.email).toMatchObject({ role: u.role, disabledAt: null });
      expect(stored!.advertiser?.slug ?? null).toBe(u.advertiser ?? null);
    }
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(["ADVERTISER", "OPS", "FINANCE", "ADMIN"]));
  });

  it(`lets every demo account sign in with the password "${DEMO_PASSWORD}"`, async () => {
    for (const u of DEMO_USERS) {
      const user = await signIn(t.db, { email: u.email, password: DEMO_PASSWORD, ip: null }, policy, "seed-test");
      expect(user, u.email).toMatchObject({ email: u.email, role: u.role });
    }
    expect(await signIn(t.db, { email: DEMO_USERS[0].email, password: "not-demo", ip: null }, policy, "seed-test")).toBeNull();
  });

  it("sends the CPM contracts' recent delivery through ingestion, with one restated day per contract", async () => {
    expect(await t.db.deliveryRecord.count()).toBeGreaterThan(100);
    const batches = await t.db.ingestBatch.findMany({ where: { idempotencyKey: { endsWith: "-restatement" } } });
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => b.corrections === 1)).toBe(true);
  });

  it("reports Globex's recent conversions through ingestion, some of them ineligible with a reason", async () => {
    expect(await t.db.conversion.count({ where: { eligibility: "ELIGIBLE" } })).toBeGreaterThan(10);
    const ineligible = await t.db.conversion.findMany({ where: { eligibility: "INELIGIBLE" } });
    expect(new Set(ineligible.map((c) => c.reasonCode))).toEqual(new Set(["OUTSIDE_WINDOWS", "GEOGRAPHY_NOT_ELIGIBLE", "RETURNING_CUSTOMER"]));
  });

  it("approves last month's eligible conversions, leaves recent ones for review, and drafts last month's payout statements", async () => {
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    expect(await t.db.conversion.count({ where: { eligibility: "ELIGIBLE", review: "APPROVED" } })).toBeGreaterThan(5);
    expect(await t.db.conversion.count({ where: { eligibility: "ELIGIBLE", review: "PENDING" } })).toBeGreaterThan(5);
    expect(await t.db.partner.count()).toBe(3);
    const statements = await t.db.payoutStatement.findMany({ where: { period: lastMonth }, include: { partner: true } });
    expect(statements.map((s) => [s.partner.key, s.currency, s.status]).sort()).toEqual([
      ["affiliate-one", "EUR", "DRAFT"],
      ["streamhub", "EUR", "DRAFT"],
      ["streamhub", "USD", "DRAFT"],
    ]);
    expect(statements.every((s) => s.total.greaterThan(0))).toBe(true);
  });

  it("does nothing the second time", async () => {
    const before = { users: await t.db.user.count(), advertisers: await t.db.advertiser.count(), audit: await t.db.auditLog.count() };
    expect(await seedDemoWorld(t.db)).toEqual({ created: false });
    expect({ users: await t.db.user.count(), advertisers: await t.db.advertiser.count(), audit: await t.db.auditLog.count() }).toEqual(before);
  });

  it("audits what it created, and the audit chain verifies afterwards", async () => {
    expect(await t.db.auditLog.count({ where: { action: "advertiser.created" } })).toBe(DEMO_ADVERTISERS.length);
    expect(await t.db.auditLog.count({ where: { action: "user.created" } })).toBe(DEMO_USERS.length);
    expect(await t.db.auditLog.findFirst({ where: { action: "demo.seeded" } })).toMatchObject({ actorType: "SYSTEM", actorLabel: "demo seed" });
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, brokenAt: null, checked: await t.db.auditLog.count() });
  });
});
