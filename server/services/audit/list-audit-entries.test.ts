import { beforeAll, describe, expect, it } from "vitest";
import { systemActor, type Actor } from "../../auth/actor";
import type { Role } from "../../db/generated/enums";
import { callerAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { rejectionOf } from "../../testing/trpc-errors";
import { recordAudit } from "./record-audit";

const t = useTestDatabase();
const ctx = { actor: systemActor("test"), source: "JOB" as const, requestId: "req-list" };
const as = (role: Role): Actor => ({ type: "USER", id: "22222222-2222-4222-8222-222222222222", label: role, role, advertiserId: role === "ADVERTISER" ? "33333333-3333-4333-8333-333333333333" : null });

beforeAll(async () => {
  const entries = [
    { action: "advertiser.created", entityId: "adv-1" },
    { action: "user.created", entityId: "user-1" },
    { action: "user.updated", entityId: "user-1" },
    { action: "user.disabled", entityId: "user-2" },
    { action: "apiKey.created", entityId: "key-1" },
  ] as const;
  for (const e of entries) await t.db.$transaction((tx) => recordAudit(tx, ctx, e));
});

describe("audit.list", () => {
  it("lists newest first, with ids as strings (bigint does not travel as JSON)", async () => {
    const page = await callerAs(t.db, as("FINANCE")).audit.list({});
    expect(page.total).toBe(5);
    expect(page.items.map((e) => e.action)).toEqual(["apiKey.created", "user.disabled", "user.updated", "user.created", "advertiser.created"]);
    expect(typeof page.items[0].id).toBe("string");
    expect(page.items[0]).toMatchObject({ actorType: "SYSTEM", actorLabel: "test", source: "JOB", requestId: "req-list", entityType: "ApiKey" });
    expect(page.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("filters by entity and by action prefix", async () => {
    const caller = callerAs(t.db, as("ADMIN"));
    expect((await caller.audit.list({ entityType: "User", entityId: "user-1" })).items.map((e) => e.action)).toEqual(["user.updated", "user.created"]);
    expect((await caller.audit.list({ action: "user." })).total).toBe(3);
    expect((await caller.audit.list({ action: "advertiser" })).items.map((e) => e.entityId)).toEqual(["adv-1"]);
  });

  it("pages", async () => {
    const page = await callerAs(t.db, as("ADMIN")).audit.list({ page: 2, pageSize: 2 });
    expect(page).toMatchObject({ total: 5, page: 2, pageCount: 3 });
    expect(page.items.map((e) => e.action)).toEqual(["user.updated", "user.created"]);
  });

  it.each(["OPS", "ADVERTISER"] as const)("is refused to %s", async (role) => {
    expect((await rejectionOf(callerAs(t.db, as(role)).audit.list({}))).code).toBe("FORBIDDEN");
  });
});

describe("audit.verify", () => {
  it("lets an admin verify the chain", async () => {
    expect(await callerAs(t.db, as("ADMIN")).audit.verify()).toMatchObject({ ok: true, checked: 5, brokenAt: null });
  });

  it("is refused to finance, who may read the log but not run verification", async () => {
    expect((await rejectionOf(callerAs(t.db, as("FINANCE")).audit.verify())).code).toBe("FORBIDDEN");
  });
});
