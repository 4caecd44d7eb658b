// Reads of the contract aggregate, all through the contract scope: lists, one contract with its versions and the
// terms in force today, one version with its diff and approval history, finance's approval queue, renewals.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { addDays, fromIsoDate, todayIso, toIsoDate } from "../../domain/contracts/dates";
import { termsInForceOn } from "../../domain/contracts/effective-terms";
import { diffTerms, describeChange } from "../../domain/contracts/terms-diff";
import { EMPTY_TERMS, ZContractTerms } from "../../domain/contracts/terms";
import { CONTRACT_STATUSES } from "../../domain/contracts/version-lifecycle";
import { notFound } from "../../errors";
import { contractView, redactForAdvertiser, versionView } from "./contract-views";
import { contractWhere, seesInternals, versionWhere } from "./contract-scope";
import { pageOf, pageWindow } from "../pagination";

export const ZListContractsRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
  status: z.enum(CONTRACT_STATUSES).optional(),
  advertiserId: z.string().uuid().optional(),
});
export type ListContractsRequest = z.infer<typeof ZListContractsRequestSchema>;

export async function listContracts(db: Db, actor: Actor, input: ListContractsRequest) {
  const filters: Prisma.ContractWhereInput = {
    ...(input.status ? { status: input.status } : {}),
    ...(input.advertiserId ? { advertiserId: input.advertiserId } : {}),
    ...(input.search
      ? { OR: [{ number: { contains: input.search, mode: "insensitive" } }, { title: { contains: input.search, mode: "insensitive" } }, { advertiser: { name: { contains: input.search, mode: "insensitive" } } }] }
      : {}),
  };
  const where = contractWhere(actor, filters);
  const [total, rows] = await Promise.all([
    db.contract.count({ where }),
    db.contract.findMany({
      where,
      include: { advertiser: { select: { name: true } }, versions: { where: versionWhere(actor), orderBy: { number: "desc" }, take: 1, select: { number: true, status: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(input),
    }),
  ]);
  return pageOf(input, total, rows.map((c) => ({ ...contractView(c), advertiserName: c.advertiser.name, latestVersion: c.versions[0] ?? null })));
}

export async function getContract(db: Db, actor: Actor, contractId: string) {
  const contract = await db.contract.findFirst({
    where: contractWhere(actor, { id: contractId }),
    include: { advertiser: { select: { id: true, name: true } }, versions: { where: versionWhere(actor), orderBy: { number: "asc" } } },
  });
  if (!contract) throw notFound("Contract not found");
  const versions = contract.versions.map(versionView);
  const view = contractView(contract);
  const approved = versions.filter((v) => v.status === "APPROVED");
  const today = todayIso();
  const inForce = termsInForceOn(approved, { start: view.termStart, end: view.termEnd, terminatedOn: view.terminatedOn }, today);
  const internals = seesInternals(actor);
  return {
    ...view,
    advertiser: contract.advertiser,
    inForceVersionId: inForce?.id ?? null,
    openVersionId: view.status === "TERMINATED" ? null : (versions.find((v) => v.status !== "APPROVED")?.id ?? null),
    versions: internals ? versions : versions.map(redactForAdvertiser),
  };
}

export async function getVersion(db: Db, actor: Actor, versionId: string) {
  const row = await db.contractVersion.findFirst({
    where: versionWhere(actor, { id: versionId }),
    include: {
      contract: { include: { advertiser: { select: { id: true, name: true } } } },
      author: { select: { id: true, name: true, email: true } },
      decisions: { orderBy: { createdAt: "asc" }, include: { approver: { select: { id: true, name: true, email: true } } } },
    },
  });
  if (!row) throw notFound("Contract version not found");
  const internals = seesInternals(actor);
  const version = internals ? versionView(row) : redactForAdvertiser(versionView(row));
  const previous = await db.contractVersion.findFirst({
    where: { contractId: row.contractId, status: "APPROVED", number: { lt: row.number } },
    orderBy: { number: "desc" },
  });
  const previousTerms = previous ? ZContractTerms.parse(previous.terms) : EMPTY_TERMS;
  const changes = diffTerms(previousTerms, version.terms);
  return {
    version,
    contract: { ...contractView(row.contract), advertiser: row.contract.advertiser },
    previousVersionNumber: previous?.number ?? null,
    changes: changes.map((c) => ({ ...c, sentence: describeChange(c, version.kind === "AMENDMENT" ? version.effectiveFrom : undefined) })),
    author: internals ? row.author : null,
    // Decisions and their comments are internal: advertisers see that a version was approved, not the discussion.
    decisions: internals
      ? row.decisions.map((d) => ({ id: d.id, round: d.round, decision: d.decision, comment: d.comment, createdAt: d.createdAt, approver: d.approver }))
      : [],
  };
}

/** Finance's queue: pending versions, oldest submission first, with value and what changed. */
export async function listApprovalQueue(db: Db, actor: Actor) {
  const pending = await db.contractVersion.findMany({
    where: versionWhere(actor, { status: "PENDING_APPROVAL" }),
    orderBy: { submittedAt: "asc" },
    include: { contract: { include: { advertiser: { select: { name: true } } } }, author: { select: { name: true } }, decisions: true },
    take: 200,
  });
  const actorId = actor.type === "USER" ? actor.id : null;
  return Promise.all(
    pending.map(async (row) => {
      const previous = await db.contractVersion.findFirst({ where: { contractId: row.contractId, status: "APPROVED", number: { lt: row.number } }, orderBy: { number: "desc" } });
      const changes = diffTerms(previous ? ZContractTerms.parse(previous.terms) : EMPTY_TERMS, ZContractTerms.parse(row.terms));
      const approvals = row.decisions.filter((d) => d.round === row.submissionRound && d.decision === "APPROVE");
      return {
        versionId: row.id,
        contractId: row.contractId,
        contractNumber: row.contract.number,
        contractTitle: row.contract.title,
        advertiserName: row.contract.advertiser.name,
        currency: row.contract.currency,
        versionNumber: row.number,
        kind: row.kind,
        effectiveFrom: toIsoDate(row.effectiveFrom),
        committedValue: row.committedValue?.toString() ?? "0",
        requiredApprovals: row.requiredApprovals,
        approvals: approvals.length,
        submittedAt: row.submittedAt,
        authorName: row.author?.name ?? "Renewal job",
        changeSummary: changes.slice(0, 3).map((c) => describeChange(c)),
        changeCount: changes.length,
        /** Whether the current actor may decide it (not the author, not already approved by them). */
        canDecide: actorId !== null && actorId !== row.authorId && !approvals.some((a) => a.approverId === actorId),
      };
    }),
  );
}

/** Contracts whose term ends within `days`, with where their renewal stands. */
export async function listUpcomingRenewals(db: Db, actor: Actor, days: 30 | 60 | 90) {
  const today = todayIso();
  const rows = await db.contract.findMany({
    where: contractWhere(actor, { status: "ACTIVE", termEnd: { gte: fromIsoDate(today), lte: fromIsoDate(addDays(today, days)) } }),
    include: { advertiser: { select: { name: true } }, versions: { where: versionWhere(actor, { kind: "RENEWAL" }), orderBy: { number: "desc" }, take: 1 } },
    orderBy: { termEnd: "asc" },
  });
  return rows.map((c) => {
    const renewal = c.versions[0] && c.versions[0].effectiveFrom > c.termEnd ? c.versions[0] : null;
    const termEnd = toIsoDate(c.termEnd);
    const noticeOpensOn = addDays(termEnd, -c.noticeDays);
    const state = !c.autoRenew ? "WILL_EXPIRE" : renewal ? `RENEWAL_${renewal.status}` : noticeOpensOn > today ? "NOTICE_NOT_OPEN" : "RENEWAL_DUE";
    return {
      contractId: c.id,
      number: c.number,
      title: c.title,
      advertiserName: c.advertiser.name,
      termEnd,
      daysLeft: Math.round((fromIsoDate(termEnd).getTime() - fromIsoDate(today).getTime()) / 86_400_000),
      autoRenew: c.autoRenew,
      noticeOpensOn,
      renewalVersionId: renewal?.id ?? null,
      state,
    };
  });
}
