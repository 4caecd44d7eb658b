import { z } from "zod";
import { approvePayoutStatement, markPayoutStatementPaid, ZApprovePayoutStatementRequestSchema, ZMarkPayoutStatementPaidRequestSchema } from "../../services/payouts/decide-payout-statement";
import { draftPayoutStatements, ZDraftPayoutStatementsRequestSchema } from "../../services/payouts/draft-payout-statements";
import { contractMargins, getPayoutStatement, listPayoutStatements, partnerMargins, PAYOUT_STATUSES, ZListPayoutStatementsRequestSchema, ZPayoutMarginsRequestSchema } from "../../services/payouts/payout-queries";
import { ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZStatus = z.enum(PAYOUT_STATUSES);
const ZStatementSummary = z.object({
  id: z.string(),
  partnerKey: z.string(),
  partnerName: z.string(),
  period: z.string(),
  currency: z.string(),
  status: ZStatus,
  total: z.string(),
  revenue: z.string(),
  lineCount: z.number().int(),
  draftedAt: z.date(),
  approvedAt: z.date().nullable(),
  paidAt: z.date().nullable(),
  paidReference: z.string().nullable(),
});
const ZStatementDetail = z.object({
  id: z.string(),
  partner: z.object({ id: z.string(), key: z.string(), name: z.string(), email: z.string().nullable(), paymentDetails: z.string().nullable() }),
  period: z.string(),
  currency: z.string(),
  status: ZStatus,
  total: z.string(),
  revenue: z.string(),
  draftedAt: z.date(),
  approvedAt: z.date().nullable(),
  approvedBy: z.string().nullable(),
  paidAt: z.date().nullable(),
  paidBy: z.string().nullable(),
  paidReference: z.string().nullable(),
  lines: z.array(z.object({ id: z.string(), contractId: z.string(), contractNumber: z.string(), kind: z.string(), lineKey: z.string(), description: z.string(), quantity: z.string(), revenue: z.string(), unrounded: z.string(), amount: z.string() })),
});
const ZTransitioned = z.object({ id: z.string(), status: ZStatus, period: z.string(), currency: z.string(), total: z.string(), approvedAt: z.date().nullable(), paidAt: z.date().nullable(), paidReference: z.string().nullable() });
const ZMarginPoint = z.object({ period: z.string(), revenue: z.string(), payouts: z.string(), margin: z.string() });

export const payoutsRouter = createTRPCRouter({
  list: permittedProcedure("payouts:read").input(ZListPayoutStatementsRequestSchema).output(ZPage(ZStatementSummary)).query(({ ctx, input }) => listPayoutStatements(ctx.db, input)),
  byId: permittedProcedure("payouts:read").input(z.object({ id: z.string().uuid("Not a statement id") })).output(ZStatementDetail).query(({ ctx, input }) => getPayoutStatement(ctx.db, input.id)),
  draft: permittedProcedure("payouts:draft")
    .input(ZDraftPayoutStatementsRequestSchema)
    .output(
      z.object({
        period: z.string(),
        contracts: z.number().int(),
        drafted: z.number().int(),
        skipped: z.array(z.object({ partnerKey: z.string(), currency: z.string(), status: z.string() })),
        flags: z.array(z.object({ kind: z.string(), partnerKey: z.string(), conversions: z.number().int(), revenue: z.string(), contractNumber: z.string() })),
      }),
    )
    .mutation(({ ctx, input }) => draftPayoutStatements(ctx.db, ctx.request, input)),
  approve: permittedProcedure("payouts:approve").input(ZApprovePayoutStatementRequestSchema).output(ZTransitioned).mutation(({ ctx, input }) => approvePayoutStatement(ctx.db, ctx.request, input)),
  markPaid: permittedProcedure("payouts:approve").input(ZMarkPayoutStatementPaidRequestSchema).output(ZTransitioned).mutation(({ ctx, input }) => markPayoutStatementPaid(ctx.db, ctx.request, input)),
  partnerMargins: permittedProcedure("payouts:read")
    .input(ZPayoutMarginsRequestSchema)
    .output(z.object({ periods: z.array(z.string()), partners: z.array(z.object({ partnerKey: z.string(), partnerName: z.string(), currency: z.string(), points: z.array(ZMarginPoint) })) }))
    .query(({ ctx, input }) => partnerMargins(ctx.db, input)),
  contractMargins: permittedProcedure("payouts:read")
    .input(ZPayoutMarginsRequestSchema.extend({ contractId: z.string().uuid("Choose a contract") }))
    .output(z.object({ contract: z.object({ id: z.string(), number: z.string(), title: z.string(), currency: z.string() }), points: z.array(ZMarginPoint) }))
    .query(({ ctx, input }) => contractMargins(ctx.db, ctx.actor, input)),
});
