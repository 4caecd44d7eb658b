// Conversions in: one batch (an API call or a CSV chunk) is checked whole — rows refer to an active contract of the
// sender's, a CPA line in force that day, the contract's currency, a time not in the future — then each new
// conversion is attributed and judged eligible or not (server/domain/conversions), and all are written in one
// statement. External ids already received are recognised and reported, never counted twice. Idempotency per
// sender and key is the shared runner's (services/ingestion/idempotent-batch.ts).
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { SqlQuery } from "../../db/pg-transaction";
import {
  checkConversionBatch,
  MAX_CONVERSION_BATCH_ROWS,
  parseConversionRows,
  type CheckedConversion,
} from "../../domain/conversions/conversion-batch";
import { AppError } from "../../errors";
import { contentHash, runIdempotentBatch, ZIdempotencyKey, type IngestChannel } from "../ingestion/idempotent-batch";
import { loadConversionContracts } from "./check-conversions";
import { judgeNewConversions, type JudgedConversion } from "./judge-conversions";

export const ZIngestConversionsRequestSchema = z.object({
  idempotencyKey: ZIdempotencyKey,
  rows: z
    // Rows are only checked to be objects here: the batch check parses each one and reports every problem by row.
    .array(
      z.looseObject({
        externalId: z.unknown().optional().describe("The feed's id for the conversion, unique per advertiser"),
        occurredAt: z.unknown().optional().describe("ISO time with offset, e.g. 2026-10-03T14:05:00Z"),
        type: z.unknown().optional().describe("Conversion type, e.g. purchase, signup, app_install"),
        contract: z.unknown().optional().describe("Contract number, e.g. C-2026-0002"),
        line: z.unknown().optional().describe("CPA line key"),
        value: z.unknown().optional().describe("Order value (decimal), for percentage payouts"),
        currency: z.unknown().optional().describe("ISO 4217 code of the value; must be the contract's"),
        geography: z.unknown().optional().describe("Two-letter country code"),
        newCustomer: z.unknown().optional().describe("true for a new customer"),
        partner: z.unknown().optional().describe("Key of the partner the conversion came through"),
        dedupeKey: z.unknown().optional().describe("Order or customer id used to recognise the same conversion twice"),
        exposures: z.unknown().optional().describe("[{ kind: click | view, at: ISO time }] on the same line"),
      }),
      { error: "rows must be a list of conversions" },
    )
    .min(1, "Send at least one row")
    .max(MAX_CONVERSION_BATCH_ROWS, `At most ${MAX_CONVERSION_BATCH_ROWS.toLocaleString("en-US")} rows per batch`),
});

const ZConversionsBatchResult = z.object({
  rows: z.number().int(),
  accepted: z.number().int(),
  eligible: z.number().int(),
  ineligible: z.number().int(),
  /** Eligible but beyond a daily or monthly cap of the line: kept, not billed. (Absent from results stored before caps.) */
  overCap: z.number().int().default(0),
  /** Rows whose external id had been received before: recognised, not counted twice. */
  alreadyReceived: z.number().int(),
  alreadyReceivedIds: z.array(z.string()),
  contracts: z.array(z.string()),
});
export const ZIngestConversionsResponseSchema = ZConversionsBatchResult.extend({ batchId: z.string(), replayed: z.boolean() });
export type IngestConversionsResult = z.infer<typeof ZIngestConversionsResponseSchema>;

/** External ids of this batch that were received in an earlier one (per advertiser). */
async function alreadyReceived(query: SqlQuery, rows: readonly CheckedConversion[]): Promise<Set<string>> {
  const keys = JSON.stringify(rows.map((r) => ({ a: r.advertiserId, e: r.externalId })));
  const found = await query<{ advertiser_id: string; external_id: string }>(
    `SELECT c.advertiser_id, c.external_id FROM conversion c JOIN json_to_recordset($1::json) AS k(a uuid, e text) ON c.advertiser_id = k.a AND c.external_id = k.e`,
    [keys],
  );
  return new Set(found.map((f) => `${f.advertiser_id}\u0000${f.external_id}`));
}

async function insertConversions(query: SqlQuery, batchId: string, rows: readonly JudgedConversion[]) {
  if (rows.length === 0) return;
  const json = JSON.stringify(
    rows.map((r) => ({
      ad: r.advertiserId,
      ex: r.externalId,
      co: r.contractId,
      li: r.line,
      at: r.occurredAt,
      ty: r.type,
      va: r.value,
      cu: r.currency,
      ge: r.geography,
      nc: r.newCustomer,
      pa: r.partner,
      dk: r.dedupeKey,
      xp: r.exposures,
      el: r.verdict.eligibility,
      rc: r.verdict.reasonCode,
      re: r.verdict.reason,
      ea: r.verdict.attributedExposureAt,
      po: r.payout,
    })),
  );
  await query(
    `INSERT INTO conversion (id, advertiser_id, external_id, contract_id, line_key, occurred_at, type, value, currency, geography, new_customer, partner_key, dedupe_key, exposures, eligibility, reason_code, reason, attributed_exposure_at, payout, batch_id)
     SELECT gen_random_uuid(), i.ad, i.ex, i.co, i.li, i.at, i.ty, i.va, i.cu, i.ge, i.nc, i.pa, i.dk, COALESCE(i.xp, '[]'::jsonb), i.el, i.rc, i.re, i.ea, i.po, $2::uuid
     FROM json_to_recordset($1::json) AS i(ad uuid, ex text, co uuid, li text, at timestamptz, ty text, va numeric, cu char(3), ge char(2), nc boolean, pa text, dk text, xp jsonb, el "ConversionEligibility", rc text, re text, ea timestamptz, po numeric)`,
    [json, batchId],
  );
}

export async function ingestConversions(db: Db, ctx: RequestContext, input: z.infer<typeof ZIngestConversionsRequestSchema>, channel: IngestChannel = "API"): Promise<IngestConversionsResult> {
  const parsed = parseConversionRows(input.rows);
  const contracts = await loadConversionContracts(db, ctx, input.rows);
  const hash = contentHash(parsed.every((p) => p.success) ? parsed.map((p) => p.data) : input.rows);
  return runIdempotentBatch(db, ctx, { kind: "CONVERSIONS", idempotencyKey: input.idempotencyKey, contentHash: hash, channel, resultSchema: ZConversionsBatchResult }, async (query, batchId) => {
    const check = checkConversionBatch(parsed, contracts, new Date());
    if (!check.ok) {
      throw new AppError("CONVERSIONS_REJECTED", `${check.problemCount} problem${check.problemCount === 1 ? "" : "s"} in ${input.rows.length} rows; nothing was imported`, {
        details: { problems: check.problems, problemCount: check.problemCount },
      });
    }
    const known = await alreadyReceived(query, check.rows);
    const fresh = check.rows.filter((r) => !known.has(`${r.advertiserId}\u0000${r.externalId}`));
    const judged = await judgeNewConversions(query, fresh, contracts);
    await insertConversions(query, batchId, judged);
    const repeated = check.rows.filter((r) => known.has(`${r.advertiserId}\u0000${r.externalId}`)).map((r) => r.externalId);
    const result = {
      rows: check.rows.length,
      accepted: judged.length,
      eligible: judged.filter((j) => j.verdict.eligibility === "ELIGIBLE").length,
      ineligible: judged.filter((j) => j.verdict.eligibility === "INELIGIBLE").length,
      overCap: judged.filter((j) => j.verdict.eligibility === "OVER_CAP").length,
      alreadyReceived: repeated.length,
      alreadyReceivedIds: repeated.slice(0, 100),
      contracts: [...new Set(check.rows.map((r) => r.contract))].sort(),
    };
    return { result, rowCount: result.rows, corrections: result.alreadyReceived, audit: { action: "conversions.imported", after: { channel, idempotencyKey: input.idempotencyKey, ...result } } };
  });
}
