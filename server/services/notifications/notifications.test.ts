import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { callerAs, insertUser, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();

let ops: Actor;
let finance: Actor;

beforeAll(async () => {
  ops = userActor(await insertUser(t.db, { email: "ops@tally.test", role: "OPS" }));
  finance = userActor(await insertUser(t.db, { email: "finance@tally.test", role: "FINANCE" }));
});

/** Notifications written directly, a minute apart so their order is certain: the givens, not the subject. */
async function notify(actor: Actor, titles: string[]) {
  const base = Date.UTC(2026, 2, 15, 12, 0, 0);
  const ids: string[] = [];
  for (const [i, title] of titles.entries()) {
    const row = await t.db.notification.create({ data: { userId: actor.id!, kind: "APPROVAL_REQUESTED", title, body: `${title} body`, link: "/contracts", createdAt: new Date(base + i * 60_000) } });
    ids.push(row.id);
  }
  return ids;
}

const clearAll = () => t.db.notification.deleteMany({});

describe("notifications.list", () => {
  it("lists only the caller's own notifications, newest first, with the unread count", async () => {
    await clearAll();
    await notify(ops, ["Ops 1", "Ops 2"]);
    await notify(finance, ["Finance 1"]);
    const inbox = await callerAs(t.db, ops).notifications.list({});
    expect(inbox.unread).toBe(2);
    expect(inbox.items.map((n) => n.title)).toEqual(["Ops 2", "Ops 1"]);
    expect(inbox.items[0]).toEqual({ id: expect.any(String), kind: "APPROVAL_REQUESTED", title: "Ops 2", body: "Ops 2 body", link: "/contracts", readAt: null, createdAt: expect.any(Date) });
  });

  it("can show unread ones only, and fewer", async () => {
    await clearAll();
    const [first] = await notify(ops, ["Ops 1", "Ops 2", "Ops 3"]);
    await t.db.notification.update({ where: { id: first }, data: { readAt: new Date() } });
    const caller = callerAs(t.db, ops);
    expect((await caller.notifications.list({ unreadOnly: true })).items.map((n) => n.title)).toEqual(["Ops 3", "Ops 2"]);
    expect(await caller.notifications.list({ take: 1 })).toMatchObject({ unread: 2, items: [{ title: "Ops 3" }] });
  });

  it("is empty for an API key, which has no inbox", async () => {
    await clearAll();
    await notify(ops, ["Ops 1"]);
    const key: Actor = { type: "API_KEY", id: "00000000-0000-4000-8000-000000000009", label: "key", scopes: [], advertiserId: null };
    expect(await callerAs(t.db, key).notifications.list({})).toEqual({ unread: 0, items: [] });
  });

  it("requires a signed-in caller", async () => {
    expect((await rejectionOf(callerAs(t.db, null).notifications.list({}))).code).toBe("UNAUTHORIZED");
  });
});

describe("notifications.markRead", () => {
  it("marks the given notifications of the caller read", async () => {
    await clearAll();
    const [first, second] = await notify(ops, ["Ops 1", "Ops 2"]);
    expect(await callerAs(t.db, ops).notifications.markRead({ ids: [first] })).toEqual({ marked: 1 });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: first } })).readAt).toBeInstanceOf(Date);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: second } })).readAt).toBeNull();
  });

  it("never touches someone else's notification, even when named by id", async () => {
    await clearAll();
    const [financeNote] = await notify(finance, ["Finance 1"]);
    expect(await callerAs(t.db, ops).notifications.markRead({ ids: [financeNote] })).toEqual({ marked: 0 });
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: financeNote } })).readAt).toBeNull();
  });

  it("marks all of the caller's unread notifications when given no ids, and only theirs", async () => {
    await clearAll();
    await notify(ops, ["Ops 1", "Ops 2"]);
    const [financeNote] = await notify(finance, ["Finance 1"]);
    expect(await callerAs(t.db, ops).notifications.markRead({})).toEqual({ marked: 2 });
    expect((await callerAs(t.db, ops).notifications.list({})).unread).toBe(0);
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: financeNote } })).readAt).toBeNull();
  });

  it("does not count already-read notifications again", async () => {
    await clearAll();
    const [first] = await notify(ops, ["Ops 1"]);
    await callerAs(t.db, ops).notifications.markRead({ ids: [first] });
    expect(await callerAs(t.db, ops).notifications.markRead({ ids: [first] })).toEqual({ marked: 0 });
  });
});
