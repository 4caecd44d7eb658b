import { z } from "zod";
import { DRAFT_LINE_KINDS } from "../../domain/billing/draft-line";
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

export const billingRouter = createTRPCRouter({
  preview: permittedProcedure("billing:preview")
    .input(ZPreviewContractPeriodRequestSchema)
    .output(ZContractPeriodPreviewSchema)
    .query(({ ctx, input }) => previewContractPeriod(ctx.db, ctx.actor, input)),
});
