// Billing runs: a period for every contract in force (or the ones named), one item per contract, put on the job queue
// (server/jobs/queue-client.ts) in batches so any number of workers share the work. A batch drafts its contracts'
// invoices together in one transaction (services/invoices/draft-contract-invoice.ts: a dozen set-based statements for
// a hundred contracts) and records its items DONE in the same transaction; a contract the batch cannot draft (its
// pricing throws, or the batch's transaction fails) is drafted again on its own, and a failure there is recorded on
// its item with its error and does not stop the run. A worker that dies leaves its job to expire and be retried; the
// retry skips what was committed and replaces any half-done draft. When the last item settles, the run drafts the
// period's partner payout statements and is done.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { systemActor } from "../../auth/actor";
import { lockNames } from "../../db/advisory-lock";
import { connectionStringOf, type Db } from "../../db/client";
import { withPgTransaction } from "../../db/pg-transaction";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import { AppError, notFound } from "../../errors";
import { BILLING_JOB, BILLING_QUEUE, queueClient } from "../../jobs/queue-client";
import { logger } from "../../logger";
import { recordAudit } from "../audit/record-audit";
import { findContractsInForce, findContractsWithTerms, unsafeContractsWithTermsByIds } from "../contracts/contract-terms-in-force";
import { draftContractInvoice, draftInvoices, type DraftOutcome } from "../invoices/draft-contract-invoice";
import { draftLockName } from "../invoices/lock-invoice";
import { draftPayoutStatements } from "../payouts/draft-payout-statements";

export const ZStartBillingRunRequestSchema = z.object({
  period: ZBillingPeriod,
  /** Contract numbers; none = every contract in force in the period. */
  contracts: z.array(z.string().trim().toUpperCase().regex(/^C-\d{4}-\d{4,}$/, "Use contract numbers like C-2026-0001")).max(10_000).default([]),
});

export async function startBillingRun(db: Db, ctx: RequestContext, input: z.infer<typeof ZStartBillingRunRequestSchema>) {
  const bounds = periodBounds(input.period);
  const where = input.contracts.length > 0 ? { number: { in: input.contracts } } : {};
  const contracts = await findContractsInForce(db, ctx.actor, where, bounds);
  const found = new Set(contracts.map((c) => c.number));
  const missing = input.contracts.filter((n) => !found.has(n));
  if (missing.length > 0) throw new AppError("VALIDATION_FAILED", `Not in force in ${input.period}: ${missing.join(", ")}`, { fieldErrors: { contracts: [`Not in force in ${input.period}: ${missing.join(", ")}`] } });
  const itemIds = contracts.map(() => randomUUID());
  const run = await db.$transaction(async (tx) => {
    const created = await tx.billingRun.create({ data: { period: input.period, scope: input.contracts, startedById: ctx.actor.type === "USER" ? ctx.actor.id : null, startedBy: ctx.actor.label } });
    await tx.$executeRaw`
      INSERT INTO billing_run_item (id, run_id, contract_id, updated_at)
      SELECT id, ${created.id}::uuid, contract_id, now() FROM unnest(${itemIds}::uuid[], ${contracts.map((c) => c.id)}::uuid[]) AS u(id, contract_id)`;
    await recordAudit(tx, ctx, { action: "billingRun.started", entityId: created.id, after: { period: input.period, contracts: contracts.length, scope: input.contracts } });
    return created;
  });
  if (itemIds.length === 0) await finishRunIfSettled(db, run.id);
  else await enqueueItems(db, itemIds);
  return getBillingRun(db, run.id);
}

/**
 * Contracts per queue job: enough that the batch's set-based reads and writes pay off, few enough that a job takes
 * about a second (far inside its expiry) and a retry after a crash repeats little.
 */
export const BILLING_BATCH_SIZE = 100;

async function enqueueItems(db: Db, itemIds: readonly string[]) {
  const boss = await queueClient(connectionStringOf(db));
  const jobs = [];
  for (let i = 0; i < itemIds.length; i += BILLING_BATCH_SIZE) jobs.push({ name: BILLING_QUEUE, data: { itemIds: itemIds.slice(i, i + BILLING_BATCH_SIZE) }, ...BILLING_JOB });
  for (let i = 0; i < jobs.length; i += 100) await boss.insert(jobs.slice(i, i + 100));
}

interface ClaimedItem {
  id: string;
  run_id: string;
  contract_id: string;
  status: string;
  period: string;
}

const ALREADY_ISSUED = "Already issued for this period: left as it is";

/** The queue handler: draft a batch of items' invoices for their run's period. Safe to run again on the same items. */
export async function processBillingItems(db: Db, itemIds: readonly string[]) {
  // The attempt is counted first, on its own, so an attempt its worker dies in counts too.
  const items = await db.$queryRaw<ClaimedItem[]>`
    UPDATE billing_run_item i SET attempts = i.attempts + 1, updated_at = now() FROM billing_run r
    WHERE i.id = ANY(${itemIds}::uuid[]) AND r.id = i.run_id
    RETURNING i.id::text, i.run_id::text, i.contract_id::text, i.status::text, r.period`;
  const runIds = [...new Set(items.map((i) => i.run_id))];
  for (const runId of runIds) {
    // DONE already: a retry after the worker died between committing a batch and finishing the run.
    const pending = items.filter((i) => i.run_id === runId && i.status !== "DONE");
    if (pending.length === 0) continue;
    for (const item of await draftBatch(db, pending)) await draftItem(db, item);
  }
  for (const runId of runIds) await finishRunIfSettled(db, runId);
}

/**
 * The items' drafts in one transaction holding every contract's draft lock, the items recorded DONE in it too.
 * Answers the items it could not draft — pricing threw, or the whole transaction failed — to be drafted one by one.
 */
async function draftBatch(db: Db, items: readonly ClaimedItem[]): Promise<readonly ClaimedItem[]> {
  const { period, run_id: runId } = items[0];
  try {
    return await withPgTransaction(db, async (query) => {
      // The batch's statements each touch a few thousand rows: starting parallel workers for one costs more than it
      // saves (measured: 60 ms for a 0-row lookup on a freshly grown table), and a run keeps every core busy anyway.
      await query(`SET LOCAL max_parallel_workers_per_gather = 0`, []);
      // The checks on the batch's writes (the lines' foreign key, the guards on lines and billed conversions) look
      // invoices up through plans the connection keeps. Planned while the invoice table is small — the first run of a
      // new system — such a plan is a sequential scan, and it stays one while the table grows: 10,000 contracts once
      // spent 30 s of a 45 s run in them. Plans made here look invoices up by key; every statement of the batch has
      // an index to use.
      await query(`SET LOCAL enable_seqscan = off`, []);
      await lockNames(query, items.map((i) => draftLockName(i.contract_id, period)));
      // A billing run works for the system: every contract of the run, whoever started it.
      const contracts = await unsafeContractsWithTermsByIds(query, items.map((i) => i.contract_id));
      const outcomes = await draftInvoices(query, contracts, period, runId);
      const drafted = items.flatMap((item) => {
        const outcome = outcomes.get(item.contract_id);
        return outcome && !(outcome instanceof Error) ? [{ item, outcome }] : [];
      });
      await query(
        `UPDATE billing_run_item i SET status = 'DONE', invoice_id = u.invoice_id, error = u.error, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS u(id, invoice_id, error) WHERE i.id = u.id`,
        [drafted.map((d) => d.item.id), drafted.map((d) => d.outcome.invoiceId), drafted.map((d) => itemNote(d.outcome))],
      );
      const done = new Set(drafted.map((d) => d.item.id));
      return items.filter((i) => !done.has(i.id));
    });
  } catch (err) {
    logger.warn({ err, runId, items: items.length }, "billing batch failed: drafting its contracts one by one");
    return items;
  }
}

const itemNote = (outcome: DraftOutcome) => (outcome.outcome === "ALREADY_ISSUED" ? ALREADY_ISSUED : null);

/** One item on its own: its draft, or its failure recorded with the error. */
async function draftItem(db: Db, item: ClaimedItem) {
  try {
    const [contract] = await findContractsWithTerms(db, systemActor("billing run"), { id: item.contract_id });
    if (!contract) throw new Error("The contract has no approved terms any more");
    const drafted = await draftContractInvoice(db, contract, item.period, item.run_id);
    await db.billingRunItem.update({ where: { id: item.id }, data: { status: "DONE", invoiceId: drafted.invoiceId, error: itemNote(drafted) } });
  } catch (err) {
    logger.warn({ err, itemId: item.id }, "billing item failed");
    await db.billingRunItem.update({ where: { id: item.id }, data: { status: "FAILED", error: err instanceof Error ? err.message.slice(0, 1_000) : String(err) } });
  }
}

/**
 * The queue gave up on a batch's job (its dead-letter queue): the worker died or timed out on every attempt. Its
 * items still pending fail with that reason, so the run can finish and finance can retry them.
 */
export async function failAbandonedBillingItems(db: Db, itemIds: readonly string[]) {
  const items = await db.billingRunItem.findMany({ where: { id: { in: [...itemIds] } }, select: { runId: true } });
  await db.billingRunItem.updateMany({ where: { id: { in: [...itemIds] }, status: "PENDING" }, data: { status: "FAILED", error: "The worker stopped or timed out on every attempt" } });
  for (const runId of new Set(items.map((i) => i.runId))) await finishRunIfSettled(db, runId);
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
