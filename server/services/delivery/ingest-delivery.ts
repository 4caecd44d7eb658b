// Delivery ingestion: one batch (an API call or a CSV chunk) is checked in full and then written in one
// statement, or refused with every bad row and nothing written. Idempotent per sender and key: the same content
// again answers the original result, other content under a used key is refused, and two concurrent sends of one
// key serialise on an advisory lock so only one writes (services/ingestion/idempotent-batch.ts, shared with
// conversions). Corrections are appended; they never overwrite.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { todayIso } from "../../domain/contracts/dates";
import {
  canonicalRows,
  checkDeliveryBatch,
  contractNumbersIn,
  MAX_BATCH_ROWS,
  parseDeliveryRows,
  type DeliveryContract,
  type ParsedDeliveryRow,
  type RawDeliveryRow,
} from "../../domain/delivery/delivery-batch";
import { AppError } from "../../errors";
import type { SqlQuery } from "../../db/pg-transaction";
import { contentHash, runIdempotentBatch, ZIdempotencyKey, type IngestChannel } from "../ingestion/idempotent-batch";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";

export const ZIngestDeliveryRequestSchema = z.object({
  idempotencyKey: ZIdempotencyKey,
  rows: z
    // Rows are only checked to be objects here: the batch check parses each one and reports every problem by row.
    .array(
      z.looseObject({
        date: z.unknown().optional().describe("The day, YYYY-MM-DD"),
        contract: z.unknown().optional().describe("Contract number, e.g. C-2026-0001"),
        line: z.unknown().optional().describe("CPM line key, e.g. sports"),
        source: z.unknown().optional().describe("first_party or third_party"),
        impressions: z.unknown().optional().describe("Whole number of impressions"),
      }),
      { error: "rows must be a list of delivery rows" },
    )
    .min(1, "Send at least one row")
    .max(MAX_BATCH_ROWS, `At most ${MAX_BATCH_ROWS.toLocaleString("en-US")} rows per batch`),
});

const ZDeliveryBatchResult = z.object({ rows: z.number().int(), corrections: z.number().int(), contracts: z.array(z.string()) });
export const ZIngestDeliveryResponseSchema = ZDeliveryBatchResult.extend({ batchId: z.string(), replayed: z.boolean() });
export type IngestDeliveryResult = z.infer<typeof ZIngestDeliveryResponseSchema>;

/** Notation differences ("100" vs 100, " sports") are the same content; anything unparseable hashes as sent. */
const contentHashOf = (raw: readonly RawDeliveryRow[], parsed: readonly ParsedDeliveryRow[]) =>
  contentHash(parsed.every((p) => p.success) ? canonicalRows(parsed.map((p) => p.data!)) : raw);

async function loadDeliveryContracts(tx: Db | Tx, ctx: RequestContext, raw: readonly RawDeliveryRow[]) {
  const contracts = await findContractsWithTerms(tx, ctx.actor, { number: { in: contractNumbersIn(raw) } });
  return new Map<string, DeliveryContract>(contracts.map((c) => [c.number, c]));
}

/** The check alone, writing nothing: the CSV page reports a whole file's problems before importing any of it. */
export async function checkDelivery(db: Db, ctx: RequestContext, rows: readonly RawDeliveryRow[]) {
  const check = checkDeliveryBatch(parseDeliveryRows(rows), await loadDeliveryContracts(db, ctx, rows), todayIso());
  return check.ok ? { rows: check.rows.length, problems: [], problemCount: 0 } : { rows: rows.length, problems: check.problems, problemCount: check.problemCount };
}

export async function ingestDelivery(db: Db, ctx: RequestContext, input: z.infer<typeof ZIngestDeliveryRequestSchema>, channel: IngestChannel = "API"): Promise<IngestDeliveryResult> {
  const parsed = parseDeliveryRows(input.rows);
  // Read before the transaction: contracts are never deleted, and their approved versions never change.
  const contracts = await loadDeliveryContracts(db, ctx, input.rows);
  const batch = { kind: "DELIVERY" as const, idempotencyKey: input.idempotencyKey, contentHash: contentHashOf(input.rows, parsed), channel, resultSchema: ZDeliveryBatchResult };
  return runIdempotentBatch(db, ctx, batch, async (query, batchId) => {
    const check = checkDeliveryBatch(parsed, contracts, todayIso());
    if (!check.ok) {
      throw new AppError("DELIVERY_REJECTED", `${check.problemCount} problem${check.problemCount === 1 ? "" : "s"} in ${input.rows.length} rows; nothing was imported`, {
        details: { problems: check.problems, problemCount: check.problemCount },
      });
    }
    // The per-row "newest earlier record" lookup must use its index: statistics gathered while the table was empty
    // would plan it as a sequential scan per row, quadratic in the batch size.
    await query("SET LOCAL enable_seqscan = off", []);
    const corrections = await appendDeliveryRecords(query, batchId, check.rows);
    const result = { rows: check.rows.length, corrections, contracts: [...new Set(check.rows.map((r) => r.contract))].sort() };
    return {
      result,
      rowCount: result.rows,
      corrections,
      audit: { action: "delivery.imported", after: { channel, idempotencyKey: input.idempotencyKey, ...result } },
    };
  });
}

/**
 * One INSERT … SELECT for the whole batch; each record points at the record it supersedes (the newest earlier one
 * for its contract, line, day and source). The rows travel as one JSON parameter: passing six 10,000-element
 * arrays (or one 1 MB string) through Prisma's parameter handling cost more than the insert itself, hence plain pg.
 * Answers how many were corrections.
 */
async function appendDeliveryRecords(query: SqlQuery, batchId: string, rows: readonly { contractId: string; advertiserId: string; line: string; date: string; source: string; impressions: number }[]): Promise<number> {
  const json = JSON.stringify(rows.map((r) => ({ c: r.contractId, a: r.advertiserId, l: r.line, d: r.date, s: r.source, i: r.impressions })));
  const [{ corrections }] = await query<{ corrections: number }>(
    `WITH input AS (
       SELECT * FROM json_to_recordset($1::json) AS i(c uuid, a uuid, l text, d date, s "DeliverySource", i bigint)
     ), inserted AS (
       INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id, supersedes_id)
       SELECT i.c, i.a, i.l, i.d, i.s, i.i, $2::uuid,
              (SELECT max(d.id) FROM delivery_record d WHERE d.contract_id = i.c AND d.line_key = i.l AND d.day = i.d AND d.source = i.s)
       FROM input i
       RETURNING supersedes_id
     )
     SELECT count(supersedes_id)::int AS corrections FROM inserted`,
    [json, batchId],
  );
  return corrections;
}
