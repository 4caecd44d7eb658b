import { z } from "zod";
import { getDashboardSummary } from "../../services/dashboard/dashboard-summary";
import { authedProcedure, createTRPCRouter } from "../trpc";

export const dashboardRouter = createTRPCRouter({
  summary: authedProcedure
    .output(
      z.object({
        advertisers: z.number().int(),
        advertiserUsers: z.number().int(),
        activeUsersByRole: z.record(z.string(), z.number().int()).nullable(),
        activeApiKeys: z.number().int().nullable(),
        auditEntries24h: z.number().int().nullable(),
      }),
    )
    .query(({ ctx }) => getDashboardSummary(ctx.db, ctx.actor)),
});
