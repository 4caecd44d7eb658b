import { z } from "zod";
import { checkConversions } from "../../services/conversions/check-conversions";
import { listConversions, ZListConversionsRequestSchema } from "../../services/conversions/conversion-queries";
import { reverseConversions, ZReverseConversionsRequestSchema, ZReverseConversionsResponseSchema } from "../../services/conversions/reverse-conversions";
import { reviewConversions, ZReviewConversionsRequestSchema } from "../../services/conversions/review-conversions";
import { ingestConversions, ZIngestConversionsRequestSchema, ZIngestConversionsResponseSchema } from "../../services/conversions/ingest-conversions";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZConversionListItem = z.object({
  id: z.string(),
  externalId: z.string(),
  occurredAt: z.date(),
  type: z.string(),
  value: z.string().nullable(),
  currency: z.string().nullable(),
  geography: z.string().nullable(),
  contractId: z.string(),
  contractNumber: z.string(),
  lineKey: z.string(),
  partnerKey: z.string().nullable(),
  eligibility: z.enum(["ELIGIBLE", "INELIGIBLE", "OVER_CAP"]),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  review: z.enum(["PENDING", "APPROVED", "REJECTED"]),
  reviewReason: z.string().nullable(),
});

const ZProblem = z.object({ row: z.number().int(), field: z.string(), message: z.string() });

export const conversionsRouter = createTRPCRouter({
  ingest: permittedProcedure("conversions:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/conversions",
        protect: true,
        tags: ["conversions"],
        summary: "Report a batch of conversions (≤ 10,000), all or nothing, idempotent per key",
        description:
          "Each row names its contract and CPA line, the time with its offset, the type, and optionally value + currency (the contract's), geography, newCustomer, partner, dedupeKey and exposures [{ kind: click | view, at }]. A refused batch (400, appCode CONVERSIONS_REJECTED) lists every bad row in data.details.problems and writes nothing. External ids received before are recognised (alreadyReceived) and not counted twice. Replays and key reuse behave as for POST /delivery.",
      },
    })
    .input(ZIngestConversionsRequestSchema)
    .output(ZIngestConversionsResponseSchema)
    .mutation(({ ctx, input }) => ingestConversions(ctx.db, ctx.request, input, ctx.source === "API" ? "API" : "CSV")),
  check: permittedProcedure("conversions:write")
    .input(z.object({ rows: ZIngestConversionsRequestSchema.shape.rows }))
    .output(z.object({ rows: z.number().int(), problems: z.array(ZProblem), problemCount: z.number().int() }))
    .mutation(({ ctx, input }) => checkConversions(ctx.db, ctx.request, input.rows)),
  review: permittedProcedure("conversions:review")
    .input(ZReviewConversionsRequestSchema)
    .output(z.object({ reviewed: z.number().int() }))
    .mutation(({ ctx, input }) => reviewConversions(ctx.db, ctx.request, input)),
  reverse: permittedProcedure("conversions:reverse")
    .meta({
      openapi: {
        method: "POST",
        path: "/conversions/reversals",
        protect: true,
        tags: ["conversions"],
        summary: "Reverse billed conversions (returned orders, chargebacks): credited on the next invoice",
        description:
          "Name the conversions by externalIds (a feed, for its own advertiser) or ids, with a reason: RETURNED_ORDER, CHARGEBACK, CANCELLED or FRAUD. All or nothing. A conversion that is not billed yet is refused (409, CONVERSION_NOT_REVERSIBLE: reject it in review instead); one reversed before is counted in alreadyReversed, so a retried request is harmless; one the caller cannot see is 404.",
      },
    })
    .input(ZReverseConversionsRequestSchema)
    .output(ZReverseConversionsResponseSchema)
    .mutation(({ ctx, input }) => reverseConversions(ctx.db, ctx.request, input)),
  list: permittedProcedure("conversions:read")
    .input(ZListConversionsRequestSchema)
    .output(z.object({ total: z.number().int(), page: z.number().int(), pageCount: z.number().int(), items: z.array(ZConversionListItem) }))
    .query(({ ctx, input }) => listConversions(ctx.db, ctx.actor, input)),
});
