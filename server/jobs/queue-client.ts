// Sending jobs from any process (web instances, the CLI): one pg-boss client per database per process that sends
// and never works — the workers (server/jobs/queues.ts) do the work. Queues are created here too, idempotently, so
// a sender never depends on a worker having started first.
import PgBoss from "pg-boss";
import { z } from "zod";
import { logger } from "../logger";

export const BILLING_QUEUE = "billing.contract";

/** A billing job: a batch of a run's items (one contract each). Jobs queued before batches named one item. */
export type BillingJobData = { itemIds: string[] } | { itemId: string };
export const billingItemIds = (data: BillingJobData) => ("itemIds" in data ? data.itemIds : [data.itemId]);
/** Where a billing job goes once it has failed for good: its worker died or timed out on every attempt. */
export const BILLING_DEAD_QUEUE = "billing.contract.dead";

/**
 * How long a billing job may stay active before the queue presumes its worker dead and retries it (a worker killed
 * mid-item never reports back). TALLY_BILLING_JOB_EXPIRE_SECONDS, default 15 minutes; pg-boss allows under 24 hours.
 * The value travels with each job, so the process that starts the run decides it.
 */
export function billingJobExpireSeconds(source: NodeJS.ProcessEnv = process.env): number {
  const raw = source.TALLY_BILLING_JOB_EXPIRE_SECONDS;
  if (raw === undefined || raw === "") return 15 * 60;
  const parsed = z.coerce.number().int().min(1).max(24 * 60 * 60 - 1).safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid configuration:\n  TALLY_BILLING_JOB_EXPIRE_SECONDS: whole seconds from 1 to 86399, not “${raw}”`);
  return parsed.data;
}

/**
 * A billing job (a batch of items): retried when a worker fails or dies (its job expires), a few times, then failed and
 * moved to the dead-letter queue, whose worker records its items FAILED (server/jobs/queues.ts).
 */
export const BILLING_JOB = { retryLimit: 5, retryDelay: 5, expireInSeconds: billingJobExpireSeconds(), deadLetter: BILLING_DEAD_QUEUE };

/**
 * How often a supervising worker (server/jobs/queues.ts) looks for expired jobs and puts them back on the queue: a
 * quarter of the billing job's expiry, between every second and pg-boss's default of every 2 minutes. So a dead
 * worker's item is retried within about 1.25 × the expiry plus the retry delay.
 */
export const QUEUE_MAINTENANCE_SECONDS = Math.min(120, Math.max(1, Math.floor(BILLING_JOB.expireInSeconds / 4)));

const clients = new Map<string, Promise<PgBoss>>();

export function queueClient(databaseUrl: string): Promise<PgBoss> {
  let client = clients.get(databaseUrl);
  if (!client) {
    client = (async () => {
      const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
      boss.on("error", (err) => logger.error({ err }, "job queue client error"));
      await boss.start();
      await createBillingQueues(boss);
      return boss;
    })();
    client.catch(() => clients.delete(databaseUrl));
    clients.set(databaseUrl, client);
  }
  return client;
}

const isDeadlock = (err: unknown) => (err as { code?: string }).code === "40P01" || /deadlock/i.test(String((err as Error).message));

/**
 * createQueue, idempotently, surviving other processes doing the same: two workers started together on a database
 * without the queues deadlock inside pg-boss's create_queue (one of them is chosen as the victim); the victim tries
 * again after a short random pause, and finds the queue made.
 */
export async function ensureQueue(boss: PgBoss, name: string, options: Omit<Parameters<PgBoss["createQueue"]>[1] & object, "name">) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await boss.createQueue(name, { name, ...options });
    } catch (err) {
      if (!isDeadlock(err) || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 250 * attempt));
    }
  }
}

/** The billing queues, idempotently: the dead-letter queue first (the billing queue refers to it). */
export async function createBillingQueues(boss: PgBoss) {
  await ensureQueue(boss, BILLING_DEAD_QUEUE, { policy: "standard", retryLimit: 5, retryDelay: 5 });
  await ensureQueue(boss, BILLING_QUEUE, { policy: "standard", ...BILLING_JOB });
}

export async function closeQueueClients() {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map(async (c) => (await c.catch(() => null))?.stop({ graceful: false, wait: true })));
}
