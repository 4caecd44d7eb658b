// Background work on a PostgreSQL-backed queue (pg-boss). Any number of worker processes share the queues; on
// the embedded database the launcher runs the same workers against the same wire-protocol endpoint, so the
// handlers are identical in every deployment.
import PgBoss from "pg-boss";
import { systemActor } from "../auth/actor";
import { createDb, type Db } from "../db/client";
import { logger } from "../logger";
import { runRenewals } from "../services/contracts/run-renewals";
import { failAbandonedBillingItems, finishSettledRuns, processBillingItems } from "../services/billing/billing-runs";
import { autoApproveConversions } from "../services/conversions/auto-approve-conversions";
import { BILLING_DEAD_QUEUE, BILLING_QUEUE, billingItemIds, createBillingQueues, ensureQueue, QUEUE_MAINTENANCE_SECONDS, type BillingJobData } from "./queue-client";

export const QUEUES = {
  /** Daily: open renewals whose notice window has come, expire ended terms. */
  renewals: "contracts.renewals",
  /** Hourly: approve pending conversions whose line's lock period has passed. */
  autoApprove: "conversions.auto-approve",
} as const;

export const AUTO_APPROVE_CRON = "15 * * * *";

/** Daily at 05:00 UTC, before the working day in the Americas and Europe. */
export const RENEWALS_CRON = "0 5 * * *";

/**
 * Billing runs: one job per batch of contracts. Two pollers per process, so a worker drafts two batches at a time (one
 * prices while the other waits on the database); run more worker processes to go faster. `tally billing run` works
 * the queue this way too, beside any running workers.
 */
export async function workBillingQueue(boss: PgBoss, db: Db) {
  await createBillingQueues(boss);
  for (let i = 0; i < 2; i++) {
    // pg-boss waits out the polling interval after every fetch; a poller that just finished a job asks for the next
    // one at once instead (otherwise a process drafts at most 4 batches a second however fast each one is).
    let id = "";
    id = await boss.work<BillingJobData>(BILLING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await processBillingItems(db, billingItemIds(job.data));
      if (id) boss.notifyWorker(id);
    });
  }
  // A job that failed for good (its worker died or timed out on every attempt): its items fail, so the run finishes.
  await boss.work<BillingJobData>(BILLING_DEAD_QUEUE, async ([job]) => failAbandonedBillingItems(db, billingItemIds(job.data)));
}

export interface Workers {
  /** The queue client, for sending jobs now (tests, operators) rather than on schedule. */
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorkers(databaseUrl: string): Promise<Workers> {
  // Supervising (pg-boss's default): every QUEUE_MAINTENANCE_SECONDS one worker process puts the jobs of dead
  // workers, active past their expiry, back on the queue for a retry.
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4, supervise: true, maintenanceIntervalSeconds: QUEUE_MAINTENANCE_SECONDS });
  boss.on("error", (err) => logger.error({ err }, "job queue error"));
  await boss.start();
  const db = createDb(databaseUrl, 4);

  await ensureQueue(boss, QUEUES.renewals, { policy: "singleton", retryLimit: 3, retryDelay: 300 });
  await boss.schedule(QUEUES.renewals, RENEWALS_CRON, {}, { tz: "UTC" });
  await boss.work(QUEUES.renewals, async ([job]) => {
    const report = await runRenewals(db, { actor: systemActor("renewal job"), source: "JOB", requestId: `job-${job.id}` });
    logger.info({ job: job.id, created: report.renewalsCreated.length, expired: report.expired.length, skipped: report.skipped.length }, "renewals run");
    return report;
  });

  await ensureQueue(boss, QUEUES.autoApprove, { policy: "singleton", retryLimit: 3, retryDelay: 300 });
  await boss.schedule(QUEUES.autoApprove, AUTO_APPROVE_CRON, {}, { tz: "UTC" });
  await boss.work(QUEUES.autoApprove, async ([job]) => {
    const report = await autoApproveConversions(db, { actor: systemActor("auto-approval job"), source: "JOB", requestId: `job-${job.id}` });
    logger.info({ job: job.id, approved: report.approved }, "conversions auto-approved");
    return report;
  });

  await workBillingQueue(boss, db);
  // A run whose finisher died after its last item settled is finished by the next worker to start.
  const finishing = finishSettledRuns(db).catch((err) => logger.error({ err }, "finishing settled billing runs failed"));

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await finishing;
      await db.$disconnect();
    },
  };
}
