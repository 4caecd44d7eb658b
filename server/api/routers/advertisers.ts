import { z } from "zod";
import {
  createAdvertiser,
  getAdvertiser,
  listAdvertisers,
  ZCreateAdvertiserRequestSchema,
  ZListAdvertisersRequestSchema,
} from "../../services/advertisers/advertisers";
import { ZAdvertiserSummary, ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZAdvertiserDetail = ZAdvertiserSummary.extend({
  users: z.array(z.object({ id: z.string(), name: z.string(), email: z.string(), disabledAt: z.date().nullable() })),
});

export const advertisersRouter = createTRPCRouter({
  list: permittedProcedure("advertisers:read")
    .meta({ openapi: { method: "GET", path: "/advertisers", protect: true, tags: ["advertisers"], summary: "Advertisers visible to the caller" } })
    .input(ZListAdvertisersRequestSchema.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(25) }))
    .output(ZPage(ZAdvertiserSummary.extend({ userCount: z.number().int() })))
    .query(({ ctx, input }) => listAdvertisers(ctx.db, ctx.actor, input)),

  byId: permittedProcedure("advertisers:read")
    .meta({ openapi: { method: "GET", path: "/advertisers/{id}", protect: true, tags: ["advertisers"], summary: "One advertiser (404 if not visible)" } })
    .input(z.object({ id: z.string().uuid("Not an advertiser id") }))
    .output(ZAdvertiserDetail)
    .query(({ ctx, input }) => getAdvertiser(ctx.db, ctx.actor, input.id)),

  create: permittedProcedure("advertisers:write")
    .input(ZCreateAdvertiserRequestSchema)
    .output(ZAdvertiserSummary)
    .mutation(({ ctx, input }) => createAdvertiser(ctx.db, ctx.request, input)),
});
