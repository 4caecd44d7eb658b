// Background work on a PostgreSQL-backed queue (pg-boss). Any number of worker processes share the queues; on
// the embedded database the launcher runs the same workers against the same wire-protocol endpoint, so the
// handlers are identical in every deployment.
import PgBoss from "pg-boss";
import { systemActor } from "../auth/actor";
import { createDb, type Db } from "../db/client";
import { logger } from "../logger";
import { runRenewals } from "../services/contracts/run-renewals";
import { processBillingItem } from "../services/billing/billing-runs";
import { autoApproveConversions } from "../services/conversions/auto-approve-conversions";
import { BILLING_JOB, BILLING_QUEUE } from "./queue-client";

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
 * Billing runs: one job per contract. Two pollers per process, so a worker drafts two contracts at a time; run more
 * worker processes to go faster. `tally billing run` works the queue this way too, beside any running workers.
 */
export async function workBillingQueue(boss: PgBoss, db: Db) {
  await boss.createQueue(BILLING_QUEUE, { name: BILLING_QUEUE, policy: "standard", ...BILLING_JOB });
  for (let i = 0; i < 2; i++) {
    await boss.work<{ itemId: string }>(BILLING_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => processBillingItem(db, job.data.itemId));
  }
}

export interface Workers {
  /** The queue client, for sending jobs now (tests, operators) rather than on schedule. */
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorkers(databaseUrl: string): Promise<Workers> {
  const boss = new PgBoss({ connectionString: databaseUrl, max: 4 });
  boss.on("error", (err) => logger.error({ err }, "job queue error"));
  await boss.start();
  const db = createDb(databaseUrl, 4);

  await boss.createQueue(QUEUES.renewals, { name: QUEUES.renewals, policy: "singleton", retryLimit: 3, retryDelay: 300 });
  await boss.schedule(QUEUES.renewals, RENEWALS_CRON, {}, { tz: "UTC" });
  await boss.work(QUEUES.renewals, async ([job]) => {
    const report = await runRenewals(db, { actor: systemActor("renewal job"), source: "JOB", requestId: `job-${job.id}` });
    logger.info({ job: job.id, created: report.renewalsCreated.length, expired: report.expired.length, skipped: report.skipped.length }, "renewals run");
    return report;
  });

  await boss.createQueue(QUEUES.autoApprove, { name: QUEUES.autoApprove, policy: "singleton", retryLimit: 3, retryDelay: 300 });
  await boss.schedule(QUEUES.autoApprove, AUTO_APPROVE_CRON, {}, { tz: "UTC" });
  await boss.work(QUEUES.autoApprove, async ([job]) => {
    const report = await autoApproveConversions(db, { actor: systemActor("auto-approval job"), source: "JOB", requestId: `job-${job.id}` });
    logger.info({ job: job.id, approved: report.approved }, "conversions auto-approved");
    return report;
  });

  await workBillingQueue(boss, db);

  return {
    boss,
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
      await db.$disconnect();
    },
  };
}
