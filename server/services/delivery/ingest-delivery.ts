// Delivery ingestion: one batch (an API call or a CSV chunk) is checked in full and then written in one
// statement, or refused with every bad row and nothing written. Idempotent per sender and key: the same content
// again answers the original result, other content under a used key is refused, and two concurrent sends of one
// key serialise on an advisory lock so only one writes. Corrections are appended; they never overwrite.
import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { todayIso } from "../../domain/contracts/dates";
import {
  canonicalRows,
  checkDeliveryBatch,
  contractNumbersIn,
  MAX_BATCH_ROWS,
  ZDeliveryRow,
  type DeliveryContract,
  type RawDeliveryRow,
} from "../../domain/delivery/delivery-batch";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";

export const ZIdempotencyKey = z
  .string({ error: "An idempotency key is required" })
  .trim()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, "1 to 100 letters, digits, dots, dashes, colons or underscores");

export const ZIngestDeliveryRequestSchema = z.object({
  idempotencyKey: ZIdempotencyKey,
  rows: z
    .array(z.record(z.string(), z.unknown()), { error: "rows must be a list of delivery rows" })
    .min(1, "Send at least one row")
    .max(MAX_BATCH_ROWS, `At most ${MAX_BATCH_ROWS.toLocaleString("en-US")} rows per batch`),
});

export const ZIngestDeliveryResponseSchema = z.object({
  batchId: z.string(),
  rows: z.number().int(),
  corrections: z.number().int(),
  contracts: z.array(z.string()),
  replayed: z.boolean(),
});
export type IngestDeliveryResult = z.infer<typeof ZIngestDeliveryResponseSchema>;

type Channel = "API" | "CSV";

/** Notation differences ("100" vs 100, " sports") are the same content; anything unparseable hashes as sent. */
function contentHashOf(raw: readonly RawDeliveryRow[]): string {
  const parsed = raw.map((r) => ZDeliveryRow.safeParse(r));
  const canonical = parsed.every((p) => p.success) ? canonicalRows(parsed.map((p) => p.data!)) : raw;
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

async function loadDeliveryContracts(tx: Db | Tx, ctx: RequestContext, raw: readonly RawDeliveryRow[]) {
  const contracts = await findContractsWithTerms(tx, ctx.actor, { number: { in: contractNumbersIn(raw) } });
  return new Map<string, DeliveryContract>(contracts.map((c) => [c.number, c]));
}

/** The check alone, writing nothing: the CSV page reports a whole file's problems before importing any of it. */
export async function checkDelivery(db: Db, ctx: RequestContext, rows: readonly RawDeliveryRow[]) {
  const check = checkDeliveryBatch(rows, await loadDeliveryContracts(db, ctx, rows), todayIso());
  return check.ok ? { rows: check.rows.length, problems: [], problemCount: 0 } : { rows: rows.length, problems: check.problems, problemCount: check.problemCount };
}

const clientIdOf = (ctx: RequestContext) => `${ctx.actor.type}:${ctx.actor.id ?? ctx.actor.label}`;

export async function ingestDelivery(db: Db, ctx: RequestContext, input: z.infer<typeof ZIngestDeliveryRequestSchema>, channel: Channel = "API"): Promise<IngestDeliveryResult> {
  const clientId = clientIdOf(ctx);
  const contentHash = contentHashOf(input.rows);
  return db.$transaction(
    async (tx) => {
      // Separate statement from the read below: under READ COMMITTED the read must start after the lock is held.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`delivery:${clientId}:${input.idempotencyKey}`}, 0))`;
      const earlier = await tx.deliveryBatch.findUnique({ where: { clientId_idempotencyKey: { clientId, idempotencyKey: input.idempotencyKey } } });
      if (earlier) {
        if (earlier.contentHash !== contentHash) {
          throw new AppError("IDEMPOTENCY_KEY_REUSED", `Idempotency key “${input.idempotencyKey}” was already used for a different batch (${earlier.rowCount} rows at ${earlier.createdAt.toISOString()}); use a new key for new content`, {
            fieldErrors: { idempotencyKey: ["Already used for different content"] },
          });
        }
        return { ...ZIngestDeliveryResponseSchema.parse(earlier.result), replayed: true };
      }

      const check = checkDeliveryBatch(input.rows, await loadDeliveryContracts(tx, ctx, input.rows), todayIso());
      if (!check.ok) {
        throw new AppError("DELIVERY_REJECTED", `${check.problemCount} problem${check.problemCount === 1 ? "" : "s"} in ${input.rows.length} rows; nothing was imported`, {
          details: { problems: check.problems, problemCount: check.problemCount },
        });
      }

      // Records first, then the batch row with its outcome (the foreign key is checked at commit): batches are
      // append-only, so the result is written once, complete.
      const batchId = randomUUID();
      const corrections = await appendDeliveryRecords(tx, batchId, check.rows);
      const result: IngestDeliveryResult = {
        batchId,
        rows: check.rows.length,
        corrections,
        contracts: [...new Set(check.rows.map((r) => r.contract))].sort(),
        replayed: false,
      };
      await tx.deliveryBatch.create({
        data: { id: batchId, clientId, idempotencyKey: input.idempotencyKey, contentHash, actorLabel: ctx.actor.label, channel, rowCount: result.rows, corrections, result },
        select: { id: true },
      });
      await recordAudit(tx, ctx, { action: "delivery.imported", entityId: batchId, after: { channel, idempotencyKey: input.idempotencyKey, rows: result.rows, corrections, contracts: result.contracts } });
      return result;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

/**
 * One INSERT … SELECT FROM unnest for the whole batch; each record points at the record it supersedes (the newest
 * earlier one for its contract, line, day and source). Answers how many rows were corrections.
 */
async function appendDeliveryRecords(tx: Tx, batchId: string, rows: readonly { contractId: string; advertiserId: string; line: string; date: string; source: string; impressions: number }[]): Promise<number> {
  const [{ corrections }] = await tx.$queryRaw<{ corrections: number }[]>`
    WITH input AS (
      SELECT * FROM unnest(${rows.map((r) => r.contractId)}::uuid[], ${rows.map((r) => r.advertiserId)}::uuid[], ${rows.map((r) => r.line)}::text[],
                           ${rows.map((r) => r.date)}::date[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => String(r.impressions))}::bigint[])
        AS i(contract_id, advertiser_id, line_key, day, source, impressions)
    ), inserted AS (
      INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id, supersedes_id)
      SELECT i.contract_id, i.advertiser_id, i.line_key, i.day, i.source::"DeliverySource", i.impressions, ${batchId}::uuid,
             (SELECT max(d.id) FROM delivery_record d
               WHERE d.contract_id = i.contract_id AND d.line_key = i.line_key AND d.day = i.day AND d.source = i.source::"DeliverySource")
      FROM input i
      RETURNING supersedes_id
    )
    SELECT count(supersedes_id)::int AS corrections FROM inserted`;
  return corrections;
}
