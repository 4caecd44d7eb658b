import { z } from "zod";
import { listAuditEntries, ZListAuditEntriesRequestSchema } from "../../services/audit/list-audit-entries";
import { verifyAuditChain } from "../../services/audit/verify-audit-chain";
import { ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZAuditEntry = z.object({
  id: z.string(),
  at: z.date(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  source: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});

export const auditRouter = createTRPCRouter({
  list: permittedProcedure("audit:read")
    .input(ZListAuditEntriesRequestSchema)
    .output(ZPage(ZAuditEntry))
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  verify: permittedProcedure("audit:verify")
    .output(
      z.object({
        ok: z.boolean(),
        checked: z.number().int(),
        lastHash: z.string(),
        brokenAt: z.object({ id: z.string(), reason: z.string(), expected: z.string(), actual: z.string() }).nullable(),
      }),
    )
    .mutation(({ ctx }) => verifyAuditChain(ctx.db)),
});
