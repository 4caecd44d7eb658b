import { z } from "zod";
import { ZRateCardEntry } from "../../domain/pricing/rate-card";
import { createRateCard, getRateCard, listRateCards, publishRateCardVersion, ZCreateRateCardRequestSchema, ZPublishRateCardVersionRequestSchema } from "../../services/rateCards/rate-cards";
import { createTRPCRouter, permittedProcedure } from "../trpc";

export const rateCardsRouter = createTRPCRouter({
  list: permittedProcedure("rateCards:read")
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          description: z.string().nullable(),
          versionCount: z.number().int(),
          inForceVersion: z.number().int().nullable(),
          nextVersion: z.object({ number: z.number().int(), effectiveFrom: z.string() }).nullable(),
          entryCount: z.number().int(),
        }),
      ),
    )
    .query(({ ctx }) => listRateCards(ctx.db)),
  byId: permittedProcedure("rateCards:read")
    .input(z.object({ id: z.string().uuid("Not a rate card id") }))
    .output(
      z.object({
        id: z.string(),
        name: z.string(),
        description: z.string().nullable(),
        inForceVersion: z.number().int().nullable(),
        versions: z.array(z.object({ id: z.string(), number: z.number().int(), effectiveFrom: z.string(), entries: z.array(ZRateCardEntry), note: z.string().nullable(), createdAt: z.date(), changes: z.array(z.string()) })),
      }),
    )
    .query(({ ctx, input }) => getRateCard(ctx.db, input.id)),
  create: permittedProcedure("rateCards:write")
    .input(ZCreateRateCardRequestSchema)
    .output(z.object({ id: z.string(), versionId: z.string() }))
    .mutation(({ ctx, input }) => createRateCard(ctx.db, ctx.request, input)),
  publishVersion: permittedProcedure("rateCards:write")
    .input(ZPublishRateCardVersionRequestSchema)
    .output(z.object({ id: z.string(), number: z.number().int() }))
    .mutation(({ ctx, input }) => publishRateCardVersion(ctx.db, ctx.request, input)),
});
