// Sending jobs from any process (web instances, the CLI): one pg-boss client per database per process that sends
// and never works — the workers (server/jobs/queues.ts) do the work. Queues are created here too, idempotently, so
// a sender never depends on a worker having started first.
import PgBoss from "pg-boss";
import { logger } from "../logger";

export const BILLING_QUEUE = "billing.contract";

/** A contract's billing item: retried when a worker fails or dies (its job expires), a few times, then failed. */
export const BILLING_JOB = { retryLimit: 5, retryDelay: 5, expireInSeconds: 15 * 60 };

const clients = new Map<string, Promise<PgBoss>>();

export function queueClient(databaseUrl: string): Promise<PgBoss> {
  let client = clients.get(databaseUrl);
  if (!client) {
    client = (async () => {
      const boss = new PgBoss({ connectionString: databaseUrl, max: 2, supervise: false, schedule: false });
      boss.on("error", (err) => logger.error({ err }, "job queue client error"));
      await boss.start();
      await boss.createQueue(BILLING_QUEUE, { name: BILLING_QUEUE, policy: "standard", ...BILLING_JOB });
      return boss;
    })();
    client.catch(() => clients.delete(databaseUrl));
    clients.set(databaseUrl, client);
  }
  return client;
}

export async function closeQueueClients() {
  const all = [...clients.values()];
  clients.clear();
  await Promise.all(all.map(async (c) => (await c.catch(() => null))?.stop({ graceful: false, wait: true })));
}
