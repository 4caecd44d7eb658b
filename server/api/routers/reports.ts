import { z } from "zod";
import { AGING_BUCKETS } from "../../domain/invoices/receivables-aging";
import { receivablesAging, revenueByMonth, ZReceivablesAgingRequestSchema, ZRevenueByMonthRequestSchema } from "../../services/invoices/invoice-reports";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZRevenueFigures = z.object({ invoiced: z.string(), credited: z.string(), net: z.string(), collected: z.string() });
const ZRevenueByMonthResponseSchema = z.object({
  endPeriod: z.string(),
  months: z.number().int(),
  currencies: z.array(z.object({ currency: z.string(), months: z.array(ZRevenueFigures.extend({ period: z.string() })), totals: ZRevenueFigures })),
});

const ZAgingAmount = z.object({ amount: z.string(), invoices: z.number().int() });
const ZReceivablesAgingResponseSchema = z.object({
  asOf: z.string(),
  currencies: z.array(
    z.object({
      currency: z.string(),
      buckets: z.array(ZAgingAmount.extend({ key: z.enum(AGING_BUCKETS.map((b) => b.key)), label: z.string() })),
      total: ZAgingAmount,
      overdue: ZAgingAmount,
    }),
  ),
});

export const reportsRouter = createTRPCRouter({
  revenueByMonth: permittedProcedure("reports:read")
    .meta({ openapi: { method: "GET", path: "/reports/revenue-by-month", protect: true, tags: ["reports"], summary: "Net invoiced and collected per currency and month (a bound key: its advertiser's issued invoices)" } })
    .input(ZRevenueByMonthRequestSchema)
    .output(ZRevenueByMonthResponseSchema)
    .query(({ ctx, input }) => revenueByMonth(ctx.db, ctx.actor, input)),
  receivablesAging: permittedProcedure("reports:read")
    .meta({ openapi: { method: "GET", path: "/reports/receivables-aging", protect: true, tags: ["reports"], summary: "What issued invoices still owe per currency, by days past due (a bound key: its advertiser's)" } })
    .input(ZReceivablesAgingRequestSchema)
    .output(ZReceivablesAgingResponseSchema)
    .query(({ ctx, input }) => receivablesAging(ctx.db, ctx.actor, input)),
});
