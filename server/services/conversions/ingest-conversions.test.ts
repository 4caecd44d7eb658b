// Conversions in, on a real database: verdicts stored with reasons, external ids recognised across batches,
// all-or-nothing refusals, replays and concurrent sends of one key, and tenancy of the list.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { fromToday, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { appErrorOf } from "../../testing/trpc-errors";
import { useTestDatabase } from "../../testing/test-db";
import { ingestConversions } from "./ingest-conversions";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

let number: string;
let contractId: string;
let acmeFeed: Extract<Actor, { type: "API_KEY" }>;

const yesterdayNoon = () => `${fromToday(-1)}T12:00:00Z`;
const conversion = (o: Record<string, unknown> = {}) => ({
  externalId: "ord-1",
  occurredAt: yesterdayNoon(),
  type: "purchase",
  contract: number,
  line: "shop",
  value: "80.00",
  currency: "USD",
  geography: "DE",
  newCustomer: true,
  exposures: [{ kind: "click", at: `${fromToday(-2)}T09:00:00Z` }],
  ...o,
});

beforeAll(async () => {
  const { contract } = await active({
    terms: {
      cpaLines: [
        {
          key: "shop",
          name: "Shop purchases",
          payouts: [{ conversionType: "purchase", flat: "5", percentOfValue: "10" }],
          attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
          eligibility: { conversionTypes: ["purchase"], geographies: ["DE"], newCustomersOnly: false },
        },
      ],
    },
  });
  number = contract.number;
  contractId = contract.id;
  acmeFeed = { type: "API_KEY", id: "acme-feed", label: "Acme attribution feed", scopes: ["conversions:write"], advertiserId: cast.acme.id };
});

describe("ingestConversions", () => {
  it("stores each conversion with its verdict and reason, and counts them", async () => {
    const result = await ingestConversions(t.db, requestAs(acmeFeed), {
      idempotencyKey: "feed-1",
      rows: [conversion(), conversion({ externalId: "ord-2", geography: "FR" }), conversion({ externalId: "ord-3", exposures: [] })],
    });
    expect(result).toMatchObject({ rows: 3, accepted: 3, eligible: 1, ineligible: 2, alreadyReceived: 0, contracts: [number], replayed: false });
    const stored = await t.db.conversion.findMany({ where: { contractId }, orderBy: { externalId: "asc" } });
    expect(stored.map((c) => [c.externalId, c.eligibility, c.reasonCode, c.review])).toEqual([
      ["ord-1", "ELIGIBLE", null, "PENDING"],
      ["ord-2", "INELIGIBLE", "GEOGRAPHY_NOT_ELIGIBLE", "PENDING"],
      ["ord-3", "INELIGIBLE", "NO_EXPOSURES", "PENDING"],
    ]);
    expect(stored[0].value?.toString()).toBe("80");
    expect(await t.db.auditLog.count({ where: { action: "conversions.imported", entityId: result.batchId } })).toBe(1);
  });

  it("recognises external ids received before instead of counting them twice", async () => {
    const result = await ingestConversions(t.db, requestAs(acmeFeed), { idempotencyKey: "feed-2", rows: [conversion(), conversion({ externalId: "ord-4" })] });
    expect(result).toMatchObject({ rows: 2, accepted: 1, alreadyReceived: 1, alreadyReceivedIds: ["ord-1"] });
    expect(await t.db.conversion.count({ where: { externalId: "ord-1" } })).toBe(1);
  });

  it("dedupes the same order within the window, inside one batch", async () => {
    const result = await ingestConversions(t.db, requestAs(acmeFeed), {
      idempotencyKey: "feed-3",
      rows: [conversion({ externalId: "ord-10", dedupeKey: "order-77" }), conversion({ externalId: "ord-11", dedupeKey: "order-77", occurredAt: `${fromToday(-1)}T13:00:00Z` })],
    });
    expect(result).toMatchObject({ eligible: 1, ineligible: 1 });
    expect(await t.db.conversion.findFirst({ where: { externalId: "ord-11" } })).toMatchObject({ reasonCode: "DUPLICATE" });
  });

  it("refuses a batch with a bad row, writing none of it, and lists every problem", async () => {
    const before = await t.db.conversion.count();
    const err = await appErrorOf(
      ingestConversions(t.db, requestAs(acmeFeed), {
        idempotencyKey: "feed-bad",
        rows: [conversion({ externalId: "ok-1" }), conversion({ externalId: "bad-1", currency: "EUR" }), conversion({ externalId: "bad-2", occurredAt: `${fromToday(2)}T00:00:00Z` }), conversion({ externalId: "bad-3", line: "tv" })],
      }),
    );
    expect(err.code).toBe("CONVERSIONS_REJECTED");
    expect(err.details?.problems).toEqual([
      { row: 2, field: "currency", message: "Values must be in USD, the contract's currency" },
      { row: 3, field: "occurredAt", message: `${fromToday(2)}T00:00:00.000Z is in the future` },
      { row: 4, field: "line", message: `${number} has no CPA line “tv”` },
    ]);
    expect(await t.db.conversion.count()).toBe(before);
  });

  it("gives concurrent sends of one batch one effect, and refuses the key for other content", async () => {
    const rows = [conversion({ externalId: "ord-20" })];
    const results = await Promise.all(Array.from({ length: 5 }, () => ingestConversions(t.db, requestAs(acmeFeed), { idempotencyKey: "feed-4", rows })));
    expect(new Set(results.map((r) => r.batchId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await t.db.conversion.count({ where: { externalId: "ord-20" } })).toBe(1);
    expect((await appErrorOf(ingestConversions(t.db, requestAs(acmeFeed), { idempotencyKey: "feed-4", rows: [conversion({ externalId: "ord-21" })] }))).code).toBe("IDEMPOTENCY_KEY_REUSED");
  });

  it("does not let another advertiser's feed report for this contract", async () => {
    const globexFeed: Actor = { ...acmeFeed, id: "globex-feed", advertiserId: cast.globex.id };
    const err = await appErrorOf(ingestConversions(t.db, requestAs(globexFeed), { idempotencyKey: "x", rows: [conversion({ externalId: "g-1" })] }));
    expect(err.details?.problems).toEqual([{ row: 1, field: "contract", message: `Unknown contract ${number}` }]);
  });
});

describe("conversions.list", () => {
  it("shows an advertiser its own conversions with the reason, and another advertiser none of them", async () => {
    const mine = await as(cast.acmeUser).conversions.list({ status: "INELIGIBLE" });
    expect(mine.items.map((c) => c.reason)).toContain("FR is not among the eligible countries (DE)");
    const theirs = await as(cast.globexUser).conversions.list({});
    expect(theirs.total).toBe(0);
    const pending = await as(cast.ops).conversions.list({ status: "PENDING" });
    expect(pending.items.every((c) => c.eligibility === "ELIGIBLE" && c.review === "PENDING")).toBe(true);
  });
});

describe("conversions.review", () => {
  const idOf = async (externalId: string) => (await t.db.conversion.findFirstOrThrow({ where: { externalId } })).id;

  it("approves and rejects with a reason, audited, and a decision can change until billed", async () => {
    const [a, b] = [await idOf("ord-4"), await idOf("ord-10")];
    await expect(as(cast.ops).conversions.review({ decision: "APPROVE", ids: [a, b] })).resolves.toEqual({ reviewed: 2 });
    await as(cast.ops).conversions.review({ decision: "REJECT", ids: [b], reason: "FRAUD" });
    expect(await t.db.conversion.findUniqueOrThrow({ where: { id: b } })).toMatchObject({ review: "REJECTED", reviewReason: "Fraud", reviewedById: cast.ops.id });
    expect(await t.db.auditLog.count({ where: { action: "conversion.reviewed", entityId: b } })).toBe(2);
    const mine = await as(cast.acmeUser).conversions.list({ status: "REJECTED" });
    expect(mine.items.map((c) => [c.externalId, c.reviewReason])).toEqual([["ord-10", "Fraud"]]);
  });

  it("refuses the whole request when one conversion is ineligible or billed, changing none", async () => {
    const [ok, ineligible] = [await idOf("ord-20"), await idOf("ord-2")];
    await expect(as(cast.ops).conversions.review({ decision: "APPROVE", ids: [ok, ineligible] })).rejects.toMatchObject({ code: "CONFLICT", message: "Conversion ord-2 is not eligible, so it is not reviewed" });
    expect((await t.db.conversion.findUniqueOrThrow({ where: { id: ok } })).review).toBe("PENDING");
    await t.db.conversion.update({ where: { id: ok }, data: { billedAt: new Date() } });
    await expect(as(cast.ops).conversions.review({ decision: "REJECT", ids: [ok], reason: "RETURNED_ORDER" })).rejects.toMatchObject({ message: "Conversion ord-20 is already billed and locked; a correction is a reversal" });
  });

  it("needs a reason to reject, is for ops only, and does not find another advertiser's conversions for an advertiser", async () => {
    const id = await idOf("ord-1");
    await expect(as(cast.ops).conversions.review({ decision: "REJECT", ids: [id] } as never)).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(as(cast.finance).conversions.review({ decision: "APPROVE", ids: [id] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(cast.ops).conversions.review({ decision: "APPROVE", ids: ["00000000-0000-4000-8000-000000000000"] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("autoApproveConversions", () => {
  it("approves eligible pending conversions once the line's lock period has passed, once", async () => {
    const { autoApproveConversions } = await import("./auto-approve-conversions");
    const { systemActor } = await import("../../auth/actor");
    const job = { actor: systemActor("auto-approval job"), source: "JOB" as const, requestId: "test-job" };
    const pendingEligible = () => t.db.conversion.count({ where: { contractId, eligibility: "ELIGIBLE", review: "PENDING", billedAt: null } });
    expect(await pendingEligible()).toBeGreaterThan(0);
    // The line's lock period is the default 14 days: nothing reported yesterday is due today…
    expect(await autoApproveConversions(t.db, job)).toEqual({ approved: 0 });
    // …and all of it is due 15 days on; ineligible, rejected and billed conversions stay as they are.
    const later = new Date(Date.now() + 15 * 86_400_000);
    const due = await pendingEligible();
    const rejectedBefore = await t.db.conversion.count({ where: { contractId, review: "REJECTED" } });
    expect(await autoApproveConversions(t.db, job, later)).toEqual({ approved: due });
    expect(await pendingEligible()).toBe(0);
    expect(await t.db.conversion.count({ where: { contractId, review: "REJECTED" } })).toBe(rejectedBefore);
    const entries = await t.db.auditLog.findMany({ where: { action: "conversions.autoApproved", reason: "Lock period passed without a rejection" } });
    expect(entries.reduce((sum, e) => sum + (e.after as { conversionIds: string[] }).conversionIds.length, 0)).toBe(due);
    expect(await autoApproveConversions(t.db, job, later)).toEqual({ approved: 0 });
  });
});
