// The audit chain, pure: how an entry is hashed and how a sequence of entries is verified.
// Each row's hash covers its content and the previous row's hash, so changing, removing or reordering any row
// breaks every link after it. Canonical JSON (sorted keys) makes the hash independent of how jsonb stores objects.
import { createHash } from "node:crypto";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditContent {
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  source: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

export interface ChainedAuditRow extends AuditContent {
  id: bigint | number | string;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every depth; `undefined` members dropped, as jsonb would. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

/** What a JSON column gives back for this value (Dates become strings, Decimals their string form, …). */
export const toJsonValue = (value: unknown): unknown =>
  value === undefined ? null : JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));

export function hashAuditEntry(content: AuditContent, prevHash: string): string {
  const payload = canonicalJson({
    at: content.at.toISOString(),
    actorType: content.actorType,
    actorId: content.actorId,
    actorLabel: content.actorLabel,
    source: content.source,
    action: content.action,
    entityType: content.entityType,
    entityId: content.entityId,
    before: toJsonValue(content.before),
    after: toJsonValue(content.after),
    reason: content.reason,
    requestId: content.requestId,
  });
  return createHash("sha256").update(prevHash).update("\n").update(payload).digest("hex");
}

export type ChainBreak = {
  id: string;
  reason: "PREVIOUS_HASH_MISMATCH" | "CONTENT_HASH_MISMATCH";
  expected: string;
  actual: string;
};

/**
 * Check rows in chain order, starting after `prevHash`. Returns the first broken link, or null.
 * Works on batches: pass the last good hash of one batch as `prevHash` of the next.
 */
export function findChainBreak(rows: Iterable<ChainedAuditRow>, prevHash = GENESIS_HASH): { brokenAt: ChainBreak | null; lastHash: string } {
  let previous = prevHash;
  for (const row of rows) {
    const id = String(row.id);
    if (row.prevHash !== previous) {
      return { brokenAt: { id, reason: "PREVIOUS_HASH_MISMATCH", expected: previous, actual: row.prevHash }, lastHash: previous };
    }
    const expected = hashAuditEntry(row, row.prevHash);
    if (expected !== row.hash) {
      return { brokenAt: { id, reason: "CONTENT_HASH_MISMATCH", expected, actual: row.hash }, lastHash: previous };
    }
    previous = row.hash;
  }
  return { brokenAt: null, lastHash: previous };
}

/** Only the fields that changed, as `{ before, after }` halves, for compact update entries. */
export function fieldDiff<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (canonicalJson(toJsonValue(before[key])) !== canonicalJson(toJsonValue(after[key]))) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}
