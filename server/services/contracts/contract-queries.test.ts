// Reads of contracts, role by role: what advertisers (users and bound API keys, over tRPC and REST) may see of
// their own contracts and nothing of anyone else's; the lists, the approval queue and the renewals page.
import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/[...path]/route";
import type { Actor } from "../../auth/actor";
import type { ApiKeyScope } from "../../auth/permissions";
import { todayIso } from "../../domain/contracts/dates";
import { fromToday, renewalJob, useContractWorld, withSportsRate } from "../../testing/contracts";
import { callerAs, insertUser, requestAs, userActor } from "../../testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { authenticateApiKey, createApiKey } from "../apiKeys/api-keys";
import { runRenewals } from "./run-renewals";

const t = useTestDatabase();
useAsProcessDatabase(t);
const { cast, as, draft, submit, approve, active, amend } = useContractWorld(t);

const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000ff";

/** Acme's live contract: v1 approved, v2 (amendment from today+10) approved, v3 a draft amendment. */
const acmeLive = { id: "", v1: "", v2: "", v3: "" };
/** Acme's contract awaiting approval of v1, and one whose v1 was rejected. */
const acmePending = { id: "", v1: "" };
const acmeRejected = { id: "", v1: "" };
const globexLive = { id: "", v1: "" };

let admin: Actor;
let acmeKey: { actor: Actor; plaintext: string };

async function key(scopes: ApiKeyScope[], advertiserId: string | null) {
  const { plaintext } = await createApiKey(t.db, requestAs(admin), { name: "Acme reporting", scopes, advertiserId });
  return { actor: await authenticateApiKey(t.db, plaintext), plaintext };
}

beforeAll(async () => {
  admin = userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" }));

  const live = await active({ header: { title: "Acme Live Sports" } });
  acmeLive.id = live.contract.id;
  acmeLive.v1 = live.version.id;
  acmeLive.v2 = (await approve(await amend(acmeLive.id, fromToday(10), (terms) => withSportsRate(terms, "14.00")))).id;
  acmeLive.v3 = (await as(cast.ops).contracts.proposeAmendment({ contractId: acmeLive.id, effectiveFrom: fromToday(20), reason: "Add news" })).id;

  const pending = await draft({ header: { title: "Acme Pending Upfront" } });
  Object.assign(acmePending, { id: pending.contract.id, v1: (await submit(pending.version)).id });

  const rejected = await draft({ header: { title: "Acme Rejected Pilot" } });
  await submit(rejected.version);
  await as(cast.finance).contracts.decideVersion({ versionId: rejected.version.id, decision: "REJECT", comment: "Internal: margin too thin" });
  Object.assign(acmeRejected, { id: rejected.contract.id, v1: rejected.version.id });

  const globex = await active({ advertiserId: cast.globex.id, header: { title: "Globex Always On" } });
  Object.assign(globexLive, { id: globex.contract.id, v1: globex.version.id });

  acmeKey = await key(["contracts:read"], cast.acme.id);
});

describe("an advertiser user", () => {
  it("lists only its own advertiser's contracts", async () => {
    const page = await as(cast.acmeUser).contracts.list({});
    expect(page.items.map((c) => c.advertiserId)).toEqual(page.items.map(() => cast.acme.id));
    expect(page.items.map((c) => c.id)).toEqual(expect.arrayContaining([acmeLive.id]));
    expect(page.items.map((c) => c.id)).not.toContain(globexLive.id);
    expect(page.total).toBe(await t.db.contract.count({ where: { advertiserId: cast.acme.id, status: { not: "DRAFT" } } }));
  });

  it("does not see a contract that was never approved, in the list or by id", async () => {
    const ids = (await as(cast.acmeUser).contracts.list({})).items.map((c) => c.id);
    expect(ids).not.toContain(acmePending.id);
    expect(ids).not.toContain(acmeRejected.id);
    const hidden = await rejectionOf(as(cast.acmeUser).contracts.byId({ id: acmePending.id }));
    expect(hidden.code).toBe("NOT_FOUND");
  });

  it("cannot widen the list by asking for another advertiser", async () => {
    expect(await as(cast.acmeUser).contracts.list({ advertiserId: cast.globex.id })).toMatchObject({ total: 0, items: [] });
    expect(await as(cast.acmeUser).contracts.list({ search: "Globex" })).toMatchObject({ total: 0, items: [] });
  });

  it("sees the latest approved version in the list, never a newer draft", async () => {
    const asAdvertiser = (await as(cast.acmeUser).contracts.list({})).items.find((c) => c.id === acmeLive.id);
    const asOps = (await as(cast.ops).contracts.list({})).items.find((c) => c.id === acmeLive.id);
    expect(asAdvertiser?.latestVersion).toEqual({ number: 2, status: "APPROVED" });
    expect(asOps?.latestVersion).toEqual({ number: 3, status: "DRAFT" });
  });

  it("reads its own contract with only the approved versions, no authors, and the terms in force today", async () => {
    const contract = await as(cast.acmeUser).contracts.byId({ id: acmeLive.id });
    expect(contract.versions.map((v) => [v.number, v.status])).toEqual([
      [1, "APPROVED"],
      [2, "APPROVED"],
    ]);
    expect(contract.versions.map((v) => v.authorId)).toEqual([null, null]);
    expect(contract).toMatchObject({ inForceVersionId: acmeLive.v1, openVersionId: null });
    // Ops see the draft in progress.
    expect(await as(cast.ops).contracts.byId({ id: acmeLive.id })).toMatchObject({ openVersionId: acmeLive.v3, versions: expect.arrayContaining([expect.objectContaining({ id: acmeLive.v3 })]) });
  });

  it("reads an approved version's diff, without the approvers, their comments or the author", async () => {
    const detail = await as(cast.acmeUser).contracts.version({ versionId: acmeLive.v2 });
    expect(detail.changes.map((c) => c.sentence)).toEqual([`CPM line Sports: rate per thousand 12.50 → 14.00 from ${fromToday(10)}`]);
    expect(detail).toMatchObject({ author: null, decisions: [], version: { authorId: null, backdateReason: null } });
    // Finance sees the whole history.
    const internal = await as(cast.finance).contracts.version({ versionId: acmeLive.v2 });
    expect(internal.author).toMatchObject({ email: "ops@tally.test" });
    expect(internal.decisions.map((d) => d.approver.email)).toEqual(["finance@tally.test"]);
  });

  it("gets NOT_FOUND for another advertiser's contract, exactly as for an id that does not exist", async () => {
    const other = clientErrorOf(await rejectionOf(as(cast.acmeUser).contracts.byId({ id: globexLive.id })));
    const unknown = clientErrorOf(await rejectionOf(as(cast.acmeUser).contracts.byId({ id: UNKNOWN_ID })));
    expect(other.data).toMatchObject({ code: "NOT_FOUND", httpStatus: 404 });
    expect(other).toEqual(unknown);
  });

  it("gets NOT_FOUND for another advertiser's version, exactly as for an id that does not exist", async () => {
    const other = clientErrorOf(await rejectionOf(as(cast.acmeUser).contracts.version({ versionId: globexLive.v1 })));
    const unknown = clientErrorOf(await rejectionOf(as(cast.acmeUser).contracts.version({ versionId: UNKNOWN_ID })));
    expect(other.data.code).toBe("NOT_FOUND");
    expect(other).toEqual(unknown);
  });

  it.each([
    ["a draft", () => acmeLive.v3],
    ["a pending", () => acmePending.v1],
    ["a rejected", () => acmeRejected.v1],
  ])("gets NOT_FOUND for %s version of its own contract", async (_, versionId) => {
    const error = await rejectionOf(as(cast.acmeUser).contracts.version({ versionId: versionId() }));
    expect(error.code).toBe("NOT_FOUND");
  });

  it("never sees a rejected version or its comments: the never-approved contract is not found at all", async () => {
    const error = await rejectionOf(as(cast.acmeUser).contracts.byId({ id: acmeRejected.id }));
    expect(error.code).toBe("NOT_FOUND");
    expect(JSON.stringify(clientErrorOf(error))).not.toContain("margin too thin");
  });

  it("may not open the approval queue or write anything (FORBIDDEN)", async () => {
    expect((await rejectionOf(as(cast.acmeUser).contracts.approvalQueue())).code).toBe("FORBIDDEN");
    expect((await rejectionOf(as(cast.acmeUser).contracts.proposeAmendment({ contractId: acmeLive.id, effectiveFrom: fromToday(30), reason: "Please" }))).code).toBe("FORBIDDEN");
  });
});

describe("an API key bound to an advertiser (contracts:read)", () => {
  it("lists and reads only that advertiser's contracts over tRPC", async () => {
    const page = await callerAs(t.db, acmeKey.actor).contracts.list({});
    expect(new Set(page.items.map((c) => c.advertiserId))).toEqual(new Set([cast.acme.id]));
    expect((await rejectionOf(callerAs(t.db, acmeKey.actor).contracts.byId({ id: globexLive.id }))).code).toBe("NOT_FOUND");
    expect((await callerAs(t.db, acmeKey.actor).contracts.byId({ id: acmeLive.id })).versions.map((v) => v.status)).toEqual(["APPROVED", "APPROVED"]);
  });
});

describe("GET /api/v1/contracts", () => {
  const call = (path: string, bearer: string) => GET(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${bearer}` } }));

  it("answers 200 with only the key's advertiser's contracts", async () => {
    const res = await call("/contracts?pageSize=100", acmeKey.plaintext);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((c: { advertiserId: string }) => c.advertiserId === cast.acme.id)).toBe(true);
    expect(body.items.map((c: { id: string }) => c.id)).not.toContain(globexLive.id);
  });

  it("answers 200 for an own contract, with approved versions only and no authors", async () => {
    const res = await call(`/contracts/${acmeLive.id}`, acmeKey.plaintext);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: acmeLive.id, inForceVersionId: acmeLive.v1, openVersionId: null });
    expect(body.versions.map((v: { id: string; authorId: string | null }) => [v.id, v.authorId])).toEqual([
      [acmeLive.v1, null],
      [acmeLive.v2, null],
    ]);
  });

  it("answers 404 for another advertiser's contract, the same body as for an unknown id", async () => {
    const other = await call(`/contracts/${globexLive.id}`, acmeKey.plaintext);
    const unknown = await call(`/contracts/${UNKNOWN_ID}`, acmeKey.plaintext);
    expect(other.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(await other.json()).toEqual(await unknown.json());
  });

  it("answers 403 to a key without the contracts:read scope", async () => {
    const { plaintext } = await key(["advertisers:read"], cast.acme.id);
    const res = await call("/contracts", plaintext);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ message: "Requires the contracts:read permission" });
  });
});

describe("contracts.list for ops", () => {
  const ids = async (input: Parameters<ReturnType<typeof as>["contracts"]["list"]>[0]) => (await as(cast.ops).contracts.list(input)).items.map((c) => c.id);

  it("filters by status and by advertiser", async () => {
    const activeIds = await ids({ status: "ACTIVE", pageSize: 100 });
    expect(activeIds).toEqual(expect.arrayContaining([acmeLive.id, globexLive.id]));
    expect(activeIds).not.toContain(acmePending.id);
    expect(await ids({ advertiserId: cast.globex.id })).toEqual([globexLive.id]);
  });

  it("searches number, title and advertiser name, ignoring case", async () => {
    const globexNumber = (await as(cast.ops).contracts.byId({ id: globexLive.id })).number;
    expect(await ids({ search: globexNumber })).toEqual([globexLive.id]);
    expect(await ids({ search: "pending upfront" })).toEqual([acmePending.id]);
    expect(await ids({ search: "GLOBEX" })).toEqual([globexLive.id]);
  });

  it("pages, newest first", async () => {
    const all = await ids({ pageSize: 100 });
    const second = await as(cast.ops).contracts.list({ page: 2, pageSize: 2 });
    expect(second).toMatchObject({ page: 2, total: all.length, pageCount: Math.ceil(all.length / 2) });
    expect(second.items.map((c) => c.id)).toEqual(all.slice(2, 4));
    expect(all.indexOf(globexLive.id)).toBeLessThan(all.indexOf(acmeLive.id));
  });
});

describe("contracts.approvalQueue", () => {
  it("lists pending versions oldest submission first, with value and what changed", async () => {
    const newer = await draft({ header: { title: "Submitted just now" } });
    const older = await draft({ header: { title: "Submitted yesterday" } });
    const olderSubmitted = await submit(older.version);
    await submit(newer.version);
    // The given: the second one has been waiting since yesterday (so the order cannot come from creation time).
    await t.db.contractVersion.update({ where: { id: olderSubmitted.id }, data: { submittedAt: new Date(Date.now() - 86_400_000) } });

    const queue = await as(cast.finance).contracts.approvalQueue();
    const mine = queue.filter((q) => [newer.version.id, older.version.id].includes(q.versionId));
    expect(mine.map((q) => q.contractTitle)).toEqual(["Submitted yesterday", "Submitted just now"]);
    expect(mine[0]).toMatchObject({ kind: "ORIGINAL", authorName: "ops", approvals: 0, requiredApprovals: 1, changeSummary: ["Added CPM line Sports"], changeCount: 1, canDecide: true, advertiserName: "Acme" });
    expect(queue.map((q) => q.versionId)).not.toContain(acmeRejected.v1);
  });
});

describe("contracts.renewals", () => {
  it("lists contracts ending within the window with their renewal state, an advertiser seeing only its own", async () => {
    const due = await active({ header: { title: "Ends in 20 days", termEnd: fromToday(20), autoRenew: true, noticeDays: 60 } });
    const notYet = await active({ header: { title: "Notice opens later", termEnd: fromToday(25), autoRenew: true, noticeDays: 10 } });
    const expiring = await active({ header: { title: "Will expire", termEnd: fromToday(28), autoRenew: false } });
    const later = await active({ header: { title: "Ends in 45 days", termEnd: fromToday(45), autoRenew: true, noticeDays: 10 } });
    const globexEnding = await active({ advertiserId: cast.globex.id, header: { title: "Globex ending", termEnd: fromToday(15) } });
    const states = async (actor: Actor, days: 30 | 60) => new Map((await as(actor).contracts.renewals({ days })).map((r) => [r.contractId, r.state]));

    const in30 = await states(cast.ops, 30);
    expect(in30.get(due.contract.id)).toBe("RENEWAL_DUE");
    expect(in30.get(notYet.contract.id)).toBe("NOTICE_NOT_OPEN");
    expect(in30.get(expiring.contract.id)).toBe("WILL_EXPIRE");
    expect(in30.has(later.contract.id)).toBe(false);
    expect((await states(cast.ops, 60)).get(later.contract.id)).toBe("NOTICE_NOT_OPEN");

    await runRenewals(t.db, renewalJob(), todayIso());
    expect((await states(cast.ops, 30)).get(due.contract.id)).toBe("RENEWAL_PENDING_APPROVAL");

    const forAcme = await states(cast.acmeUser, 30);
    expect(forAcme.has(globexEnding.contract.id)).toBe(false);
    expect(forAcme.has(due.contract.id)).toBe(true);
  });
});
