// Billing runs: a period for every contract in force (or the ones named), one item per contract on the job queue
// (server/jobs/queue-client.ts) so any number of workers share the work. Each item drafts its contract's invoice
// (services/invoices/draft-contract-invoice.ts); a failure is recorded on the item with its error and does not stop
// the run; a worker that dies leaves its job to expire and be retried, and the retry replaces the half-done draft.
// When the last item settles, the run drafts the period's partner payout statements and is done.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { systemActor } from "../../auth/actor";
import { connectionStringOf, type Db } from "../../db/client";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import { AppError, notFound } from "../../errors";
import { BILLING_JOB, BILLING_QUEUE, queueClient } from "../../jobs/queue-client";
import { logger } from "../../logger";
import { recordAudit } from "../audit/record-audit";
import { findContractsWithTerms, inForceDuring } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "../invoices/draft-contract-invoice";
import { draftPayoutStatements } from "../payouts/draft-payout-statements";

export const ZStartBillingRunRequestSchema = z.object({
  period: ZBillingPeriod,
  /** Contract numbers; none = every contract in force in the period. */
  contracts: z.array(z.string().trim().toUpperCase().regex(/^C-\d{4}-\d{4,}$/, "Use contract numbers like C-2026-0001")).max(10_000).default([]),
});

/** Tens of thousands of items take seconds to insert: more than an interactive transaction's default 5 s. */
const RUN_START_TRANSACTION = { timeout: 120_000 };

export async function startBillingRun(db: Db, ctx: RequestContext, input: z.infer<typeof ZStartBillingRunRequestSchema>) {
  const bounds = periodBounds(input.period);
  const where = input.contracts.length > 0 ? { number: { in: input.contracts } } : {};
  const contracts = (await findContractsWithTerms(db, ctx.actor, where)).filter((c) => inForceDuring(c, bounds));
  const missing = input.contracts.filter((n) => !contracts.some((c) => c.number === n));
  if (missing.length > 0) throw new AppError("VALIDATION_FAILED", `Not in force in ${input.period}: ${missing.join(", ")}`, { fieldErrors: { contracts: [`Not in force in ${input.period}: ${missing.join(", ")}`] } });
  const run = await db.$transaction(async (tx) => {
    const created = await tx.billingRun.create({
      data: { period: input.period, scope: input.contracts, startedById: ctx.actor.type === "USER" ? ctx.actor.id : null, startedBy: ctx.actor.label, items: { create: contracts.map((c) => ({ contractId: c.id })) } },
      include: { items: { select: { id: true } } },
    });
    await recordAudit(tx, ctx, { action: "billingRun.started", entityId: created.id, after: { period: input.period, contracts: contracts.length, scope: input.contracts } });
    return created;
  }, RUN_START_TRANSACTION);
  if (run.items.length === 0) await finishRunIfSettled(db, run.id);
  else await enqueueItems(db, run.items.map((i) => i.id));
  return getBillingRun(db, run.id);
}

async function enqueueItems(db: Db, itemIds: string[]) {
  const boss = await queueClient(connectionStringOf(db));
  for (let i = 0; i < itemIds.length; i += 1_000) {
    await boss.insert(itemIds.slice(i, i + 1_000).map((itemId) => ({ name: BILLING_QUEUE, data: { itemId }, ...BILLING_JOB })));
  }
}

/** The queue handler: draft one contract's invoice for its run's period. Safe to run again on the same item. */
export async function processBillingItem(db: Db, itemId: string) {
  const item = await db.billingRunItem.update({ where: { id: itemId }, data: { attempts: { increment: 1 } }, include: { run: { select: { period: true } } } }).catch(() => null);
  if (!item) return;
  // Already drafted: a retry after the worker died between recording the item and finishing the run.
  if (item.status === "DONE") return finishRunIfSettled(db, item.runId);
  try {
    const [contract] = await findContractsWithTerms(db, systemActor("billing run"), { id: item.contractId });
    if (!contract) throw new Error("The contract has no approved terms any more");
    const drafted = await draftContractInvoice(db, contract, item.run.period, item.runId);
    await db.billingRunItem.update({ where: { id: itemId }, data: { status: "DONE", invoiceId: drafted.invoiceId, error: drafted.outcome === "ALREADY_ISSUED" ? "Already issued for this period: left as it is" : null } });
  } catch (err) {
    logger.warn({ err, itemId }, "billing item failed");
    await db.billingRunItem.update({ where: { id: itemId }, data: { status: "FAILED", error: err instanceof Error ? err.message.slice(0, 1_000) : String(err) } });
  }
  await finishRunIfSettled(db, item.runId);
}

/**
 * The queue gave up on an item's job (its dead-letter queue): the worker died or timed out on every attempt. The item
 * fails with that reason, so the run can finish and finance can retry it.
 */
export async function failAbandonedBillingItem(db: Db, itemId: string) {
  const item = await db.billingRunItem.findUnique({ where: { id: itemId }, select: { runId: true } });
  if (!item) return;
  await db.billingRunItem.updateMany({ where: { id: itemId, status: "PENDING" }, data: { status: "FAILED", error: "The worker stopped or timed out on every attempt" } });
  await finishRunIfSettled(db, item.runId);
}

/**
 * Once no item is pending: the period's payout drafts, then the run is done. Once, whoever gets here: the finisher
 * claims the run by stamping finishedAt, and a claim older than a billing job may run is presumed dead (its worker was
 * killed) and taken over by the next to come — its job's retry, or a worker starting (finishSettledRuns). Payout
 * drafting replaces drafts under a per-month lock, so a finish done twice is harmless. No transaction is held across
 * the drafting: on the embedded database connections take turns, and one held open would wait on itself.
 */
async function finishRunIfSettled(db: Db, runId: string) {
  if (await db.billingRunItem.findFirst({ where: { runId, status: "PENDING" }, select: { id: true } })) return;
  const presumedDead = new Date(Date.now() - BILLING_JOB.expireInSeconds * 1_000);
  const claimed = await db.billingRun.updateMany({ where: { id: runId, status: "RUNNING", OR: [{ finishedAt: null }, { finishedAt: { lt: presumedDead } }] }, data: { finishedAt: new Date() } });
  if (claimed.count === 0) return;
  const run = await db.billingRun.findUniqueOrThrow({ where: { id: runId } });
  const ctx: RequestContext = { actor: systemActor("billing run"), source: "JOB", requestId: `billing-run-${runId}` };
  await draftPayoutStatements(db, ctx, { period: run.period }).catch((err) => logger.error({ err, runId }, "payout drafting after the billing run failed"));
  await db.billingRun.updateMany({ where: { id: runId, status: "RUNNING" }, data: { status: "DONE", finishedAt: new Date() } });
}

/** Runs whose items have all settled but which were never finished (their finisher died): finish them now. */
export async function finishSettledRuns(db: Db) {
  const runs = await db.billingRun.findMany({ where: { status: "RUNNING", items: { none: { status: "PENDING" } } }, select: { id: true } });
  for (const run of runs) await finishRunIfSettled(db, run.id);
}

/** Failed items go back on the queue; the run runs again until they settle. */
export async function retryFailedItems(db: Db, ctx: RequestContext, runId: string) {
  const failed = await db.billingRunItem.findMany({ where: { runId, status: "FAILED" }, select: { id: true } });
  if (failed.length === 0) throw new AppError("CONFLICT", "Nothing failed in this run");
  await db.$transaction(async (tx) => {
    await tx.billingRunItem.updateMany({ where: { id: { in: failed.map((f) => f.id) } }, data: { status: "PENDING", error: null } });
    await tx.billingRun.update({ where: { id: runId }, data: { status: "RUNNING", finishedAt: null } });
    await recordAudit(tx, ctx, { action: "billingRun.retried", entityId: runId, after: { items: failed.length } });
  });
  await enqueueItems(db, failed.map((f) => f.id));
  return getBillingRun(db, runId);
}

type BillingRunRow = NonNullable<Awaited<ReturnType<Db["billingRun"]["findUnique"]>>>;

/** Runs with their progress and (at most 100 per run) failures: four queries however many runs. */
async function describeRuns(db: Db, runs: BillingRunRow[]) {
  const ids = runs.map((r) => r.id);
  const [counts, failures] = await Promise.all([
    db.billingRunItem.groupBy({ by: ["runId", "status"], where: { runId: { in: ids } }, _count: true }),
    db.$queryRaw<Array<{ run_id: string; contract_id: string; error: string | null; attempts: number }>>`
      SELECT run_id, contract_id, error, attempts FROM (
        SELECT run_id, contract_id, error, attempts, row_number() OVER (PARTITION BY run_id ORDER BY updated_at, id) AS n
        FROM billing_run_item WHERE run_id = ANY(${ids}::uuid[]) AND status = 'FAILED') failed
      WHERE n <= 100 ORDER BY run_id, n`,
  ]);
  const numbers = new Map((await db.contract.findMany({ where: { id: { in: [...new Set(failures.map((f) => f.contract_id))] } }, select: { id: true, number: true } })).map((c) => [c.id, c.number]));
  return runs.map((run) => {
    const count = (s: "PENDING" | "DONE" | "FAILED") => counts.find((c) => c.runId === run.id && c.status === s)?._count ?? 0;
    return {
      id: run.id,
      period: run.period,
      status: run.status,
      startedBy: run.startedBy,
      createdAt: run.createdAt,
      finishedAt: run.status === "DONE" ? run.finishedAt : null,
      total: count("PENDING") + count("DONE") + count("FAILED"),
      done: count("DONE"),
      failed: count("FAILED"),
      failures: failures
        .filter((f) => f.run_id === run.id)
        .map((f) => ({ contractNumber: numbers.get(f.contract_id) ?? f.contract_id, error: f.error ?? "", attempts: f.attempts })),
    };
  });
}

export async function getBillingRun(db: Db, id: string) {
  const run = await db.billingRun.findUnique({ where: { id } });
  if (!run) throw notFound("Billing run not found");
  return (await describeRuns(db, [run]))[0];
}

/** The 20 latest runs, newest first. */
export async function listBillingRuns(db: Db) {
  return describeRuns(db, await db.billingRun.findMany({ orderBy: { createdAt: "desc" }, take: 20 }));
}
