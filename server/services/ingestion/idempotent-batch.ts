// The idempotency every ingestion API shares (delivery, conversions): one batch per (kind, sender, key).
// Under an advisory lock on that triple, a key seen before answers its stored result (same content) or is refused
// (other content); a new key runs `write` — which checks the batch whole and writes its rows, or throws and writes
// nothing — then stores the batch row and its audit entry, all in one transaction on a plain pg connection (the
// payloads are large; see db/pg-transaction.ts).
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { withPgTransaction, type SqlQuery } from "../../db/pg-transaction";
import { AppError } from "../../errors";
import { appendAuditEntry, type AuditEntryInput } from "../audit/record-audit";

export const ZIdempotencyKey = z
  .string({ error: "An idempotency key is required" })
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, "1 to 100 letters, digits, dots, dashes, colons or underscores");

export type IngestKind = "DELIVERY" | "CONVERSIONS";
/** How a batch arrived: a pipeline through the API, a person uploading a file, or Tally itself (the demo seed). */
export type IngestChannel = "API" | "CSV" | "SYSTEM";

export interface BatchWrite<R> {
  /** What the caller (and any replay) is answered, without `batchId` and `replayed`. */
  result: R;
  rowCount: number;
  /** Delivery: rows superseding an earlier count. Conversions: rows recognised as already received. */
  corrections: number;
  audit: Omit<AuditEntryInput, "entityId">;
}

export const contentHash = (canonical: unknown) => createHash("sha256").update(JSON.stringify(canonical)).digest("hex");

const clientIdOf = (ctx: RequestContext) => `${ctx.actor.type}:${ctx.actor.id ?? ctx.actor.label}`;

export async function runIdempotentBatch<R extends object>(
  db: Db,
  ctx: RequestContext,
  batch: { kind: IngestKind; idempotencyKey: string; contentHash: string; channel: IngestChannel; resultSchema: z.ZodType<R> },
  write: (query: SqlQuery, batchId: string) => Promise<BatchWrite<R>>,
): Promise<R & { batchId: string; replayed: boolean }> {
  const clientId = clientIdOf(ctx);
  return withPgTransaction(db, async (query) => {
    // Separate statement from the read below: under READ COMMITTED the read must start after the lock is held.
    await query(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) l`, [`${batch.kind}:${clientId}:${batch.idempotencyKey}`]);
    const [earlier] = await query<{ id: string; content_hash: string; row_count: number; created_at: Date; result: unknown }>(
      `SELECT id, content_hash, row_count, created_at, result FROM ingest_batch WHERE kind = $1 AND client_id = $2 AND idempotency_key = $3`,
      [batch.kind, clientId, batch.idempotencyKey],
    );
    if (earlier) {
      if (earlier.content_hash !== batch.contentHash) {
        throw new AppError("IDEMPOTENCY_KEY_REUSED", `Idempotency key “${batch.idempotencyKey}” was already used for a different batch (${earlier.row_count} rows at ${earlier.created_at.toISOString()}); use a new key for new content`, {
          fieldErrors: { idempotencyKey: ["Already used for different content"] },
        });
      }
      return { ...batch.resultSchema.parse(earlier.result), batchId: earlier.id, replayed: true };
    }
    // Rows first, then the batch row with its outcome: batches are append-only, so the result is written once,
    // complete (and in the same transaction, so no one ever sees rows without their batch).
    const batchId = randomUUID();
    const written = await write(query, batchId);
    await query(
      `INSERT INTO ingest_batch (id, kind, client_id, idempotency_key, content_hash, actor_label, channel, row_count, corrections, result) VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)`,
      [batchId, batch.kind, clientId, batch.idempotencyKey, batch.contentHash, ctx.actor.label, batch.channel, written.rowCount, written.corrections, JSON.stringify(written.result)],
    );
    await appendAuditEntry(query, ctx, { ...written.audit, entityId: batchId });
    return { ...written.result, batchId, replayed: false };
  });
}
