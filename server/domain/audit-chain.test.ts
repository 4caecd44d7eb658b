import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  type AuditContent,
  type ChainedAuditRow,
  fieldDiff,
  findChainBreak,
  GENESIS_HASH,
  hashAuditEntry,
} from "./audit-chain";

const content = (overrides: Partial<AuditContent> = {}): AuditContent => ({
  at: new Date("2026-03-01T10:00:00.000Z"),
  actorType: "USER",
  actorId: "0b8f6f5e-0000-4000-8000-000000000001",
  actorLabel: "ada@example.com",
  source: "WEB",
  action: "advertiser.created",
  entityType: "Advertiser",
  entityId: "adv-1",
  before: null,
  after: { name: "Acme", currency: "USD" },
  reason: null,
  requestId: "req-1",
  ...overrides,
});

/** A correctly chained sequence of rows, as the database would hold it. */
function chain(n: number, prevHash = GENESIS_HASH, firstId = 1): ChainedAuditRow[] {
  const rows: ChainedAuditRow[] = [];
  let prev = prevHash;
  for (let i = 0; i < n; i++) {
    const c = content({ entityId: `adv-${firstId + i}`, after: { name: `Advertiser ${firstId + i}` } });
    const hash = hashAuditEntry(c, prev);
    rows.push({ ...c, id: BigInt(firstId + i), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe("canonicalJson", () => {
  it("does not depend on the order keys were written in", () => {
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it("sorts keys at every depth, including inside arrays, and keeps array order", () => {
    const value = { z: { y: 1, x: [{ d: 1, c: 2 }, 3] }, a: null };
    expect(canonicalJson(value)).toBe('{"a":null,"z":{"x":[{"c":2,"d":1},3],"y":1}}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });

  it("drops undefined members as jsonb would, and writes dates and bigints as strings", () => {
    expect(canonicalJson({ a: 1, gone: undefined })).toBe('{"a":1}');
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.000Z") })).toBe('{"at":"2026-01-02T03:04:05.000Z"}');
    expect(canonicalJson({ n: 12345678901234567890n })).toBe('{"n":"12345678901234567890"}');
    expect(canonicalJson(undefined)).toBe("null");
  });
});

describe("hashAuditEntry", () => {
  it("is a deterministic SHA-256 hex digest", () => {
    const hash = hashAuditEntry(content(), GENESIS_HASH);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditEntry(content(), GENESIS_HASH)).toBe(hash);
  });

  it("does not depend on the key order of before/after (jsonb reorders keys)", () => {
    const a = hashAuditEntry(content({ after: { name: "Acme", currency: "USD" } }), GENESIS_HASH);
    const b = hashAuditEntry(content({ after: { currency: "USD", name: "Acme" } }), GENESIS_HASH);
    expect(a).toBe(b);
  });

  const changes: [keyof AuditContent, unknown][] = [
    ["at", new Date("2026-03-01T10:00:00.001Z")],
    ["actorType", "API_KEY"],
    ["actorId", null],
    ["actorLabel", "mallory@example.com"],
    ["source", "API"],
    ["action", "advertiser.updated"],
    ["entityType", "User"],
    ["entityId", "adv-2"],
    ["before", { name: "Acme" }],
    ["after", { name: "Acme", currency: "EUR" }],
    ["reason", "because"],
    ["requestId", "req-2"],
  ];

  it.each(changes)("changes when %s changes", (field, value) => {
    const original = hashAuditEntry(content(), GENESIS_HASH);
    expect(hashAuditEntry(content({ [field]: value }), GENESIS_HASH)).not.toBe(original);
  });

  it("covers every field of the content (the table above is complete)", () => {
    expect(changes.map(([f]) => f).sort()).toEqual(Object.keys(content()).sort());
  });

  it("changes when the previous hash changes", () => {
    expect(hashAuditEntry(content(), "1".repeat(64))).not.toBe(hashAuditEntry(content(), GENESIS_HASH));
  });
});

describe("findChainBreak", () => {
  it("accepts an intact chain and returns its last hash", () => {
    const rows = chain(4);
    expect(findChainBreak(rows)).toEqual({ brokenAt: null, lastHash: rows[3].hash });
  });

  it("accepts an empty chain, returning the starting hash", () => {
    expect(findChainBreak([], GENESIS_HASH)).toEqual({ brokenAt: null, lastHash: GENESIS_HASH });
  });

  it("reports a modified row as a content mismatch, with the last good hash", () => {
    const rows = chain(4);
    rows[2] = { ...rows[2], after: { name: "Evil Corp" } };
    const result = findChainBreak(rows);
    expect(result.brokenAt).toMatchObject({ id: "3", reason: "CONTENT_HASH_MISMATCH", actual: rows[2].hash });
    expect(result.brokenAt!.expected).not.toBe(rows[2].hash);
    expect(result.lastHash).toBe(rows[1].hash);
  });

  it("reports a row whose stored hash was rewritten to match new content at the next row", () => {
    const rows = chain(4);
    const forged = { ...rows[1], after: { name: "Evil Corp" } };
    forged.hash = hashAuditEntry(forged, forged.prevHash);
    rows[1] = forged;
    expect(findChainBreak(rows).brokenAt).toMatchObject({ id: "3", reason: "PREVIOUS_HASH_MISMATCH", actual: rows[2].prevHash, expected: forged.hash });
  });

  it("reports a deleted row at the row after the gap", () => {
    const rows = chain(4);
    const withoutSecond = [rows[0], rows[2], rows[3]];
    expect(findChainBreak(withoutSecond).brokenAt).toEqual({
      id: "3",
      reason: "PREVIOUS_HASH_MISMATCH",
      expected: rows[0].hash,
      actual: rows[1].hash,
    });
  });

  it("reports a deleted first row (the chain must start at genesis)", () => {
    const rows = chain(3);
    expect(findChainBreak(rows.slice(1)).brokenAt).toMatchObject({ id: "2", reason: "PREVIOUS_HASH_MISMATCH", expected: GENESIS_HASH });
  });

  it("reports reordered rows", () => {
    const rows = chain(4);
    const swapped = [rows[0], rows[2], rows[1], rows[3]];
    expect(findChainBreak(swapped).brokenAt).toMatchObject({ id: "3", reason: "PREVIOUS_HASH_MISMATCH" });
  });

  it("verifies in batches when each batch starts from the previous batch's last hash", () => {
    const rows = chain(5);
    const first = findChainBreak(rows.slice(0, 2));
    expect(first.brokenAt).toBeNull();
    const second = findChainBreak(rows.slice(2), first.lastHash);
    expect(second).toEqual({ brokenAt: null, lastHash: rows[4].hash });
    // A later batch checked from the wrong starting point is not accepted.
    expect(findChainBreak(rows.slice(2)).brokenAt).toMatchObject({ id: "3", reason: "PREVIOUS_HASH_MISMATCH" });
  });

  it("checks rows read back from jsonb, whose keys come back in another order", () => {
    const rows = chain(2);
    rows[0] = { ...rows[0], after: Object.fromEntries(Object.entries(rows[0].after as object).reverse()) };
    expect(findChainBreak(rows).brokenAt).toBeNull();
  });
});

describe("fieldDiff", () => {
  it("returns only the fields that changed, as before/after halves", () => {
    const before = { name: "Ada", role: "OPS", advertiserId: null as string | null };
    expect(fieldDiff(before, { name: "Ada", role: "ADMIN", advertiserId: null })).toEqual({
      before: { role: "OPS" },
      after: { role: "ADMIN" },
    });
  });

  it("is empty when nothing changed, and ignores fields absent from the update", () => {
    const before = { name: "Ada", role: "OPS" };
    expect(fieldDiff(before, { name: "Ada" })).toEqual({ before: {}, after: {} });
  });

  it("compares structurally: same object in another key order is not a change; a nested change is", () => {
    const before = { limits: { daily: 10, monthly: 100 } };
    expect(fieldDiff(before, { limits: { monthly: 100, daily: 10 } })).toEqual({ before: {}, after: {} });
    expect(fieldDiff(before, { limits: { monthly: 100, daily: 11 } })).toEqual({
      before: { limits: { daily: 10, monthly: 100 } },
      after: { limits: { monthly: 100, daily: 11 } },
    });
  });

  it("treats a value set to or from null as a change", () => {
    expect(fieldDiff({ advertiserId: "a1" as string | null }, { advertiserId: null })).toEqual({
      before: { advertiserId: "a1" },
      after: { advertiserId: null },
    });
  });
});
