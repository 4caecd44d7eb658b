// Writes one audit entry inside the caller's transaction, chained to the previous one.
// The chain needs a total order, so writers take a transaction-scoped advisory lock: the lock is held until the
// surrounding transaction commits, so the next writer always sees this row as the tail.
// Written in SQL over a minimal `query` function, so the same code runs inside a Prisma transaction (every service)
// and inside a plain pg transaction (delivery ingestion's bulk path, which bypasses Prisma for its payload).
import type { RequestContext } from "../../auth/actor";
import type { Tx } from "../../db/client";
import { prismaSql, type SqlQuery } from "../../db/pg-transaction";
import { GENESIS_HASH, hashAuditEntry, toJsonValue, type AuditContent } from "../../domain/audit-chain";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

const AUDIT_CHAIN_LOCK_KEY = 7_213_002;

export interface AuditEntryInput {
  action: AuditAction;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function appendAuditEntry(query: SqlQuery, ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
  // Two statements on purpose: under READ COMMITTED a statement's snapshot predates a lock it takes itself,
  // so reading the tail in the locking statement would miss a row committed while we waited.
  await query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})) l`, []);
  const [tail] = await query<{ hash: string }>(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`, []);
  const prevHash = tail?.hash ?? GENESIS_HASH;
  const content: AuditContent = {
    at: new Date(),
    actorType: ctx.actor.type,
    actorId: ctx.actor.id,
    actorLabel: ctx.actor.label,
    source: ctx.source,
    action: entry.action,
    entityType: AUDIT_ACTIONS[entry.action],
    entityId: entry.entityId,
    before: toJsonValue(entry.before ?? null),
    after: toJsonValue(entry.after ?? null),
    reason: entry.reason ?? null,
    requestId: ctx.requestId,
  };
  const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
  await query(
    `INSERT INTO audit_log (at, actor_type, actor_id, actor_label, source, action, entity_type, entity_id, before, after, reason, request_id, prev_hash, hash)
     VALUES ($1::timestamptz, $2::"ActorType", $3, $4, $5::"AuditSource", $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12, $13, $14)`,
    [content.at.toISOString(), content.actorType, content.actorId, content.actorLabel, content.source, content.action, content.entityType, content.entityId, json(content.before), json(content.after), content.reason, content.requestId, prevHash, hashAuditEntry(content, prevHash)],
  );
}

/** The audit entry of a change made in a Prisma transaction. */
export function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
  return appendAuditEntry(prismaSql(tx), ctx, entry);
}
