// Delivery ingestion on a real database: all-or-nothing batches with a report of every bad row, idempotency
// (replay, conflict, concurrent sends of one key), corrections that supersede while keeping history, and tenancy.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { addDays, todayIso } from "../../domain/contracts/dates";
import { appErrorOf } from "../../testing/trpc-errors";
import { useContractWorld, fromToday, sportsLine } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { currentDelivery, getDeliveryHistory } from "./delivery-queries";
import { ingestDelivery } from "./ingest-delivery";

const t = useTestDatabase();
const { cast, as, active, amend, approve } = useContractWorld(t);

let acmeNumber: string;
let acmeId: string;
let globexNumber: string;
let acmeKey: Extract<Actor, { type: "API_KEY" }>;
const yesterday = () => fromToday(-1);

const row = (overrides: Record<string, unknown> = {}) => ({ date: yesterday(), contract: acmeNumber, line: "sports", source: "first_party", impressions: 125_000, ...overrides });
const recordCount = async () => t.db.deliveryRecord.count();

beforeAll(async () => {
  const acme = await active({ terms: { cpmLines: [sportsLine()] } });
  acmeNumber = acme.contract.number;
  acmeId = acme.contract.id;
  globexNumber = (await active({ advertiserId: cast.globex.id, header: { title: "Globex CTV" } })).contract.number;
  acmeKey = { type: "API_KEY", id: "key-acme", label: "Acme pipeline", scopes: ["delivery:write"], advertiserId: cast.acme.id };
});

describe("a valid batch", () => {
  it("is written in full, answered with what it wrote and audited", async () => {
    const before = await recordCount();
    const result = await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "acme-day-1", rows: [row(), row({ source: "third_party", impressions: 120_000 })] });
    expect(result).toMatchObject({ rows: 2, corrections: 0, contracts: [acmeNumber], replayed: false });
    expect(await recordCount()).toBe(before + 2);
    const audit = await t.db.auditLog.findFirst({ where: { action: "delivery.imported", entityId: result.batchId } });
    expect(audit).toMatchObject({ actorType: "API_KEY", actorLabel: "Acme pipeline" });
    expect(await currentDelivery(t.db, acmeId, { from: yesterday(), to: yesterday() })).toEqual([{ lineKey: "sports", day: yesterday(), firstParty: 125_000, thirdParty: 120_000, corrections: 0 }]);
  });
});

describe("idempotency", () => {
  it("answers a replay of the same content with the original result and writes nothing", async () => {
    const rows = [row({ date: fromToday(-2) })];
    const first = await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "replay-1", rows });
    const count = await recordCount();
    // Same content in other notation ("125000" for 125000, upper-case source) is the same batch.
    const again = await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "replay-1", rows: [{ ...rows[0], impressions: "125000", source: "FIRST_PARTY" }] });
    expect(again).toEqual({ ...first, replayed: true });
    expect(await recordCount()).toBe(count);
  });

  it("refuses the same key with different content, writing nothing", async () => {
    await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "conflict-1", rows: [row({ date: fromToday(-3) })] });
    const count = await recordCount();
    const err = await appErrorOf(ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "conflict-1", rows: [row({ date: fromToday(-3), impressions: 999 })] }));
    expect(err.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(err.fieldErrors).toEqual({ idempotencyKey: ["Already used for different content"] });
    expect(await recordCount()).toBe(count);
  });

  it("scopes keys to their sender: another client may use the same key", async () => {
    const otherKey: Actor = { ...acmeKey, id: "key-acme-2", label: "Acme backup pipeline" };
    const mine = await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "shared-name", rows: [row({ date: fromToday(-4) })] });
    const theirs = await ingestDelivery(t.db, requestAs(otherKey), { idempotencyKey: "shared-name", rows: [row({ date: fromToday(-4), source: "third_party" })] });
    expect(theirs.batchId).not.toBe(mine.batchId);
    expect(theirs.replayed).toBe(false);
  });

  it("gives ten concurrent sends of one key one effect and the same answer", async () => {
    const rows = [row({ date: fromToday(-5) }), row({ date: fromToday(-5), source: "third_party" })];
    const count = await recordCount();
    const results = await Promise.all(Array.from({ length: 10 }, () => ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "concurrent-1", rows })));
    expect(await recordCount()).toBe(count + 2);
    expect(new Set(results.map((r) => r.batchId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await t.db.ingestBatch.count({ where: { idempotencyKey: "concurrent-1" } })).toBe(1);
  });
});

describe("a batch with bad rows", () => {
  it("lists every bad row and field, and imports none of the batch", async () => {
    const count = await recordCount();
    const contract = await t.db.contract.findUniqueOrThrow({ where: { number: acmeNumber } });
    const beforeTerm = addDays(contract.termStart.toISOString().slice(0, 10), -1);
    const rows = [
      row({ date: fromToday(-6) }), // fine, but the batch is all-or-nothing
      row({ line: "weather" }),
      row({ contract: globexNumber }),
      row({ contract: "C-2099-9999" }),
      row({ date: beforeTerm }),
      row({ impressions: -5 }),
      row({ impressions: 12.5 }),
      row({ date: "2026-02-30" }),
      row({ date: "yesterday" }),
      row({ source: "panel" }),
      row({ date: fromToday(-6) }),
      row({ date: fromToday(1) }),
      { contract: acmeNumber },
    ];
    const err = await appErrorOf(ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "bad-1", rows }));
    expect(err.code).toBe("DELIVERY_REJECTED");
    expect(err.message).toBe("15 problems in 13 rows; nothing was imported");
    expect(err.details?.problems).toEqual([
      { row: 2, field: "line", message: `${acmeNumber} has no CPM line “weather”` },
      // Another advertiser's contract reads exactly like one that does not exist.
      { row: 3, field: "contract", message: `Unknown contract ${globexNumber}` },
      { row: 4, field: "contract", message: "Unknown contract C-2099-9999" },
      { row: 5, field: "date", message: expect.stringMatching(/is outside the contract's term/) },
      { row: 6, field: "impressions", message: "Impressions cannot be negative" },
      { row: 7, field: "impressions", message: "Impressions must be a whole number" },
      { row: 8, field: "date", message: "Not a real calendar date" },
      { row: 9, field: "date", message: "Use a date like 2026-12-01" },
      { row: 10, field: "source", message: "Use first_party or third_party" },
      { row: 11, field: "row", message: "Duplicate of row 1 (same contract, line, date and source)" },
      { row: 12, field: "date", message: `${fromToday(1)} is in the future` },
      { row: 13, field: "line", message: "Line key is required" },
      { row: 13, field: "date", message: "Date is required" },
      { row: 13, field: "source", message: "Use first_party or third_party" },
      { row: 13, field: "impressions", message: "Impressions must be a whole number" },
    ]);
    expect(await recordCount()).toBe(count);
    // A refused batch does not use up its key: the fixed batch may be sent under it.
    await expect(ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "bad-1", rows: [rows[0]] })).resolves.toMatchObject({ rows: 1 });
  });

  it("accepts a line only on days it is in the terms in force", async () => {
    const { contract } = await active({ header: { title: "Acme amended" }, terms: { cpmLines: [sportsLine()] } });
    await approve(await amend(contract.id, todayIso(), (terms) => ({ ...terms, cpmLines: [...terms.cpmLines, { ...terms.cpmLines[0], key: "news", name: "News" }] })));
    const err = await appErrorOf(ingestDelivery(t.db, requestAs(cast.ops), { idempotencyKey: "news-early", rows: [row({ contract: contract.number, line: "news", date: yesterday() })] }));
    expect(err.details?.problems).toEqual([{ row: 1, field: "line", message: `Line “news” is not in the terms in force on ${yesterday()}` }]);
    await expect(ingestDelivery(t.db, requestAs(cast.ops), { idempotencyKey: "news-today", rows: [row({ contract: contract.number, line: "news", date: todayIso() })] })).resolves.toMatchObject({ rows: 1 });
  });

  it("stops listing at 500 problems but counts them all", async () => {
    const rows = Array.from({ length: 600 }, () => row({ impressions: -1 }));
    const err = await appErrorOf(ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "many-bad", rows }));
    expect(err.details).toMatchObject({ problemCount: 600 });
    expect(err.details?.problems).toHaveLength(500);
  });
});

describe("corrections", () => {
  it("supersede the earlier count for the same line, day and source, keeping it as history", async () => {
    const day = fromToday(-10);
    await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "corr-1", rows: [row({ date: day, impressions: 1000 }), row({ date: day, source: "third_party", impressions: 900 })] });
    const fix = await ingestDelivery(t.db, requestAs(acmeKey), { idempotencyKey: "corr-2", rows: [row({ date: day, impressions: 1100 })] });
    expect(fix).toMatchObject({ rows: 1, corrections: 1 });
    expect(await currentDelivery(t.db, acmeId, { from: day, to: day })).toEqual([{ lineKey: "sports", day, firstParty: 1100, thirdParty: 900, corrections: 1 }]);
    const history = await getDeliveryHistory(t.db, cast.ops, { contractId: acmeId, lineKey: "sports", day });
    expect(history.map((h) => [h.source, h.impressions, h.current])).toEqual([
      ["FIRST_PARTY", 1100, true],
      ["THIRD_PARTY", 900, true],
      ["FIRST_PARTY", 1000, false],
    ]);
  });

  it("cannot be made by editing: the database refuses UPDATE and DELETE of delivery records", async () => {
    const admin = await t.admin();
    try {
      await expect(admin.query("UPDATE delivery_record SET impressions = 1")).rejects.toThrow(/append-only/);
      await expect(admin.query("DELETE FROM delivery_record")).rejects.toThrow(/append-only/);
      await expect(admin.query("INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id) SELECT contract_id, advertiser_id, line_key, day, source, -1, batch_id FROM delivery_record LIMIT 1")).rejects.toThrow(/non_negative/);
    } finally {
      await admin.end();
    }
  });
});

describe("reading delivery", () => {
  it("shows an advertiser its own contract's delivery and not another's", async () => {
    const mine = await as(cast.acmeUser).delivery.forContract({ contractId: acmeId, from: fromToday(-30), to: todayIso() });
    expect(mine.days.length).toBeGreaterThan(0);
    await expect(as(cast.globexUser).delivery.forContract({ contractId: acmeId, from: fromToday(-30), to: todayIso() })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps the batch list to internal staff", async () => {
    await expect(as(cast.ops).delivery.batches({})).resolves.toMatchObject({ page: 1 });
    await expect(as(cast.acmeUser).delivery.batches({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
