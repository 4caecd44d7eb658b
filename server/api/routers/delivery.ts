import { z } from "zod";
import {
  checkDelivery,
  ingestDelivery,
  ZIngestDeliveryRequestSchema,
  ZIngestDeliveryResponseSchema,
} from "../../services/delivery/ingest-delivery";
import { getContractDelivery, getDeliveryHistory, listDeliveryBatches, ZContractDeliveryRequestSchema } from "../../services/delivery/delivery-queries";
import { ZIsoDate } from "../../domain/contracts/terms";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZProblem = z.object({ row: z.number().int(), field: z.string(), message: z.string() });

export const deliveryRouter = createTRPCRouter({
  ingest: permittedProcedure("delivery:write")
    .meta({
      openapi: {
        method: "POST",
        path: "/delivery",
        protect: true,
        tags: ["delivery"],
        summary: "Import a batch of daily delivery (≤ 10,000 rows), all or nothing, idempotent per key",
        description:
          "Rows: { date: YYYY-MM-DD, contract: C-YYYY-NNNN, line: line key, source: first_party | third_party, impressions: whole number }. A refused batch (400, appCode DELIVERY_REJECTED) lists every bad row in data.details.problems and writes nothing. The same idempotencyKey with the same rows answers the original result (replayed: true); with other rows it is refused (409, IDEMPOTENCY_KEY_REUSED). A later count for the same contract, line, day and source supersedes the earlier one.",
      },
    })
    .input(ZIngestDeliveryRequestSchema)
    .output(ZIngestDeliveryResponseSchema)
    .mutation(({ ctx, input }) => ingestDelivery(ctx.db, ctx.request, input, ctx.source === "API" ? "API" : "CSV")),
  check: permittedProcedure("delivery:write")
    .input(z.object({ rows: ZIngestDeliveryRequestSchema.shape.rows }))
    .output(z.object({ rows: z.number().int(), problems: z.array(ZProblem), problemCount: z.number().int() }))
    .mutation(({ ctx, input }) => checkDelivery(ctx.db, ctx.request, input.rows)),
  forContract: permittedProcedure("delivery:read")
    .input(ZContractDeliveryRequestSchema)
    .output(
      z.object({
        contract: z.object({ id: z.string(), number: z.string(), title: z.string() }),
        days: z.array(z.object({ lineKey: z.string(), day: z.string(), firstParty: z.number().nullable(), thirdParty: z.number().nullable(), corrections: z.number().int() })),
      }),
    )
    .query(({ ctx, input }) => getContractDelivery(ctx.db, ctx.actor, input)),
  history: permittedProcedure("delivery:read")
    .input(z.object({ contractId: z.string().uuid(), lineKey: z.string().min(1).max(40), day: ZIsoDate }))
    .output(z.array(z.object({ id: z.string(), source: z.string(), impressions: z.number(), current: z.boolean(), channel: z.string(), receivedAt: z.date() })))
    .query(({ ctx, input }) => getDeliveryHistory(ctx.db, ctx.actor, input)),
  batches: permittedProcedure("deliveryBatches:read")
    .input(z.object({ page: z.number().int().min(1).default(1), pageSize: z.number().int().min(1).max(100).default(20) }))
    .output(
      z.object({
        total: z.number().int(),
        page: z.number().int(),
        pageCount: z.number().int(),
        items: z.array(z.object({ id: z.string(), idempotencyKey: z.string(), actorLabel: z.string(), channel: z.string(), rowCount: z.number().int(), corrections: z.number().int(), createdAt: z.date(), contracts: z.array(z.string()) })),
      }),
    )
    .query(({ ctx, input }) => listDeliveryBatches(ctx.db, input)),
});
