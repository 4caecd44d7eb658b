// Writes one audit entry inside the caller's transaction, chained to the previous one.
// The chain needs a total order, so writers take a transaction-scoped advisory lock: the lock is held until the
// surrounding transaction commits, so the next writer always sees this row as the tail.
import type { RequestContext } from "../../auth/actor";
import type { Tx } from "../../db/client";
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

export async function recordAudit(tx: Tx, ctx: RequestContext, entry: AuditEntryInput): Promise<void> {
  // Two statements on purpose: under READ COMMITTED a statement's snapshot predates a lock it takes itself,
  // so reading the tail in the locking statement would miss a row committed while we waited.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  const tail = await tx.auditLog.findFirst({ orderBy: { id: "desc" }, select: { hash: true } });
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
  await tx.auditLog.create({
    data: {
      ...content,
      actorType: ctx.actor.type,
      source: ctx.source,
      before: content.before ?? undefined,
      after: content.after ?? undefined,
      prevHash,
      hash: hashAuditEntry(content, prevHash),
    },
  });
}
