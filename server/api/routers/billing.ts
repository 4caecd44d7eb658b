import { z } from "zod";
import { DRAFT_LINE_KINDS } from "../../domain/billing/draft-line";
import { getBillingRun, listBillingRuns, retryFailedItems, startBillingRun, ZStartBillingRunRequestSchema } from "../../services/billing/billing-runs";
import { previewContractPeriod, ZPreviewContractPeriodRequestSchema } from "../../services/billing/preview-contract-period";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZDraftLine = z.object({
  key: z.string(),
  kind: z.enum(DRAFT_LINE_KINDS),
  lineKey: z.string(),
  description: z.string(),
  quantity: z.string(),
  unrounded: z.string(),
  amount: z.string(),
  /** The calculation trace (see LineTrace in server/domain/billing/draft-line.ts). */
  trace: z.looseObject({ kind: z.string() }),
});

export const ZContractPeriodPreviewSchema = z.object({
  contract: z.object({ id: z.string(), number: z.string(), title: z.string(), currency: z.string(), roundingMode: z.string() }),
  period: z.string(),
  from: z.string(),
  to: z.string(),
  draft: z.object({
    lines: z.array(ZDraftLine),
    total: z.string(),
    flags: z.array(z.looseObject({ kind: z.string(), lineKey: z.string() })),
    days: z.array(z.object({ lineKey: z.string(), day: z.string(), firstParty: z.number(), thirdParty: z.number(), billable: z.number(), cumulativeAmount: z.string() })),
  }),
  explanations: z.record(z.string(), z.array(z.string())),
  flagSummaries: z.array(z.string()),
});

const ZBillingRun = z.object({
  id: z.string(),
  period: z.string(),
  status: z.enum(["RUNNING", "DONE"]),
  startedBy: z.string(),
  createdAt: z.date(),
  finishedAt: z.date().nullable(),
  total: z.number().int(),
  done: z.number().int(),
  failed: z.number().int(),
  failures: z.array(z.object({ contractNumber: z.string(), error: z.string(), attempts: z.number().int() })),
});
const ZRunId = z.object({ id: z.string().uuid("Not a billing run id") });

export const billingRouter = createTRPCRouter({
  startRun: permittedProcedure("billing:run").input(ZStartBillingRunRequestSchema).output(ZBillingRun).mutation(({ ctx, input }) => startBillingRun(ctx.db, ctx.request, input)),
  retryRun: permittedProcedure("billing:run").input(ZRunId).output(ZBillingRun).mutation(({ ctx, input }) => retryFailedItems(ctx.db, ctx.request, input.id)),
  run: permittedProcedure("billingRuns:read").input(ZRunId).output(ZBillingRun).query(({ ctx, input }) => getBillingRun(ctx.db, input.id)),
  runs: permittedProcedure("billingRuns:read").input(z.object({}).default({})).output(z.array(ZBillingRun)).query(({ ctx }) => listBillingRuns(ctx.db)),
  preview: permittedProcedure("billing:preview")
    .input(ZPreviewContractPeriodRequestSchema)
    .output(ZContractPeriodPreviewSchema)
    .query(({ ctx, input }) => previewContractPeriod(ctx.db, ctx.actor, input)),
});
