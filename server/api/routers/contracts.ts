import { z } from "zod";
import { ZContractTerms } from "../../domain/contracts/terms";
import { CONTRACT_STATUSES, VERSION_STATUSES } from "../../domain/contracts/version-lifecycle";
import { getContract, getVersion, listApprovalQueue, listContracts, listUpcomingRenewals, ZListContractsRequestSchema } from "../../services/contracts/contract-queries";
import { createContract, ZCreateContractRequestSchema } from "../../services/contracts/create-contract";
import { decideVersion, ZDecideVersionRequestSchema } from "../../services/contracts/decide-version";
import { editVersion, ZEditVersionRequestSchema } from "../../services/contracts/edit-version";
import { proposeAmendment, ZProposeAmendmentRequestSchema } from "../../services/contracts/propose-version";
import { runRenewals } from "../../services/contracts/run-renewals";
import { submitVersion, withdrawVersion, ZSubmitVersionRequestSchema } from "../../services/contracts/submit-version";
import { terminateContract, ZTerminateContractRequestSchema } from "../../services/contracts/terminate-contract";
import { ZPage } from "../schemas";
import { createTRPCRouter, permittedProcedure } from "../trpc";

const ZContract = z.object({
  id: z.string(),
  number: z.string(),
  advertiserId: z.string(),
  title: z.string(),
  currency: z.string(),
  termStart: z.string(),
  termEnd: z.string(),
  paymentTermsDays: z.number().int(),
  autoRenew: z.boolean(),
  renewalMonths: z.number().int(),
  noticeDays: z.number().int(),
  roundingMode: z.enum(["HALF_UP", "HALF_EVEN"]),
  status: z.enum(CONTRACT_STATUSES),
  terminatedOn: z.string().nullable(),
  terminationReason: z.string().nullable(),
  createdAt: z.date(),
});

const ZVersion = z.object({
  id: z.string(),
  contractId: z.string(),
  number: z.number().int(),
  kind: z.enum(["ORIGINAL", "AMENDMENT", "RENEWAL"]),
  status: z.enum(VERSION_STATUSES),
  effectiveFrom: z.string(),
  renewsTermTo: z.string().nullable(),
  terms: ZContractTerms,
  revision: z.number().int(),
  reason: z.string().nullable(),
  authorId: z.string().nullable(),
  committedValue: z.string().nullable(),
  requiredApprovals: z.number().int(),
  submissionRound: z.number().int(),
  submittedAt: z.date().nullable(),
  decidedAt: z.date().nullable(),
  backdateReason: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

const ZPerson = z.object({ id: z.string(), name: z.string(), email: z.string() });
const ZAdvertiserRef = z.object({ id: z.string(), name: z.string() });
const ZId = z.object({ id: z.string().uuid("Not a contract id") });

export const contractsRouter = createTRPCRouter({
  list: permittedProcedure("contracts:read")
    .meta({ openapi: { method: "GET", path: "/contracts", protect: true, tags: ["contracts"], summary: "Contracts visible to the caller" } })
    .input(ZListContractsRequestSchema.extend({ page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(100).default(25) }))
    .output(ZPage(ZContract.extend({ advertiserName: z.string(), latestVersion: z.object({ number: z.number().int(), status: z.enum(VERSION_STATUSES) }).nullable() })))
    .query(({ ctx, input }) => listContracts(ctx.db, ctx.actor, input)),

  byId: permittedProcedure("contracts:read")
    .meta({ openapi: { method: "GET", path: "/contracts/{id}", protect: true, tags: ["contracts"], summary: "One contract with its visible versions (404 if not visible)" } })
    .input(ZId)
    .output(ZContract.extend({ advertiser: ZAdvertiserRef, inForceVersionId: z.string().nullable(), openVersionId: z.string().nullable(), versions: z.array(ZVersion) }))
    .query(({ ctx, input }) => getContract(ctx.db, ctx.actor, input.id)),

  version: permittedProcedure("contracts:read")
    .input(z.object({ versionId: z.string().uuid("Not a version id") }))
    .output(
      z.object({
        version: ZVersion,
        contract: ZContract.extend({ advertiser: ZAdvertiserRef }),
        previousVersionNumber: z.number().int().nullable(),
        changes: z.array(z.object({ kind: z.enum(["ADDED", "REMOVED", "CHANGED"]), subject: z.string(), field: z.string().optional(), before: z.string().optional(), after: z.string().optional(), sentence: z.string() })),
        author: ZPerson.nullable(),
        decisions: z.array(z.object({ id: z.string(), round: z.number().int(), decision: z.enum(["APPROVE", "REJECT"]), comment: z.string().nullable(), createdAt: z.date(), approver: ZPerson })),
      }),
    )
    .query(({ ctx, input }) => getVersion(ctx.db, ctx.actor, input.versionId)),

  create: permittedProcedure("contracts:write")
    .input(ZCreateContractRequestSchema)
    .output(z.object({ contract: ZContract, version: ZVersion }))
    .mutation(({ ctx, input }) => createContract(ctx.db, ctx.request, input)),

  editVersion: permittedProcedure("contracts:write")
    .input(ZEditVersionRequestSchema)
    .output(ZVersion)
    .mutation(({ ctx, input }) => editVersion(ctx.db, ctx.request, input)),

  submitVersion: permittedProcedure("contracts:write")
    .input(ZSubmitVersionRequestSchema)
    .output(ZVersion)
    .mutation(({ ctx, input }) => submitVersion(ctx.db, ctx.request, input)),

  withdrawVersion: permittedProcedure("contracts:write")
    .input(z.object({ versionId: z.string().uuid() }))
    .output(ZVersion)
    .mutation(({ ctx, input }) => withdrawVersion(ctx.db, ctx.request, input)),

  proposeAmendment: permittedProcedure("contracts:write")
    .input(ZProposeAmendmentRequestSchema)
    .output(ZVersion)
    .mutation(({ ctx, input }) => proposeAmendment(ctx.db, ctx.request, input)),

  decideVersion: permittedProcedure("contracts:approve")
    .input(ZDecideVersionRequestSchema)
    .output(ZVersion)
    .mutation(({ ctx, input }) => decideVersion(ctx.db, ctx.request, input)),

  terminate: permittedProcedure("contracts:terminate")
    .input(ZTerminateContractRequestSchema)
    .output(ZContract)
    .mutation(({ ctx, input }) => terminateContract(ctx.db, ctx.request, input)),

  approvalQueue: permittedProcedure("contracts:approve")
    .output(
      z.array(
        z.object({
          versionId: z.string(),
          contractId: z.string(),
          contractNumber: z.string(),
          contractTitle: z.string(),
          advertiserName: z.string(),
          currency: z.string(),
          versionNumber: z.number().int(),
          kind: z.enum(["ORIGINAL", "AMENDMENT", "RENEWAL"]),
          effectiveFrom: z.string(),
          committedValue: z.string(),
          requiredApprovals: z.number().int(),
          approvals: z.number().int(),
          submittedAt: z.date().nullable(),
          authorName: z.string(),
          changeSummary: z.array(z.string()),
          changeCount: z.number().int(),
          canDecide: z.boolean(),
        }),
      ),
    )
    .query(({ ctx }) => listApprovalQueue(ctx.db, ctx.actor)),

  renewals: permittedProcedure("contracts:read")
    .input(z.object({ days: z.union([z.literal(30), z.literal(60), z.literal(90)]).default(90) }))
    .output(
      z.array(
        z.object({
          contractId: z.string(),
          number: z.string(),
          title: z.string(),
          advertiserName: z.string(),
          termEnd: z.string(),
          daysLeft: z.number().int(),
          autoRenew: z.boolean(),
          noticeOpensOn: z.string(),
          renewalVersionId: z.string().nullable(),
          state: z.string(),
        }),
      ),
    )
    .query(({ ctx, input }) => listUpcomingRenewals(ctx.db, ctx.actor, input.days)),

  runRenewals: permittedProcedure("renewals:run")
    .output(z.object({ today: z.string(), renewalsCreated: z.array(z.object({ contract: z.string(), versionId: z.string() })), expired: z.array(z.string()), skipped: z.array(z.object({ contract: z.string(), reason: z.string() })) }))
    .mutation(({ ctx }) => runRenewals(ctx.db, ctx.request)),
});
