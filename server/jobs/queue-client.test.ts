// Creating the queues when several processes start at once: pg-boss's create_queue can deadlock between two
// processes creating queues together (one is chosen as the victim); the victim tries again and finds the queue made.
// On the real database: four queue clients started together on a database without the queues all come up.
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-db";
import { BILLING_DEAD_QUEUE, BILLING_QUEUE, createBillingQueues, ensureQueue } from "./queue-client";

const t = useTestDatabase();

const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

/** A stand-in for pg-boss whose createQueue fails with the given errors, in turn, before it succeeds. */
function bossFailing(...errors: Error[]) {
  const calls: string[] = [];
  const boss = {
    createQueue: async (name: string) => {
      calls.push(name);
      const error = errors.shift();
      if (error) throw error;
    },
  } as unknown as PgBoss;
  return { boss, calls };
}

describe("ensureQueue", () => {
  it("tries again after a deadlock, and succeeds", async () => {
    const { boss, calls } = bossFailing(deadlock(), deadlock());
    await ensureQueue(boss, "billing.contract", { policy: "standard" });
    expect(calls).toEqual(["billing.contract", "billing.contract", "billing.contract"]);
  });

  it("gives up after five deadlocks in a row, with the last one", async () => {
    const { boss, calls } = bossFailing(deadlock(), deadlock(), deadlock(), deadlock(), deadlock(), deadlock());
    await expect(ensureQueue(boss, "billing.contract", { policy: "standard" })).rejects.toThrow("deadlock detected");
    expect(calls).toHaveLength(5);
  });

  it("does not hide any other failure", async () => {
    const { boss, calls } = bossFailing(new Error("permission denied for schema pgboss"));
    await expect(ensureQueue(boss, "billing.contract", { policy: "standard" })).rejects.toThrow("permission denied");
    expect(calls).toHaveLength(1);
  });
});

describe("queue clients started together", () => {
  it("all create the billing queues, whichever creates them first", async () => {
    const bosses = Array.from({ length: 4 }, () => new PgBoss({ connectionString: t.url, max: 2, supervise: false, schedule: false }));
    try {
      await Promise.all(bosses.map((boss) => boss.start()));
      const results = await Promise.allSettled(bosses.map((boss) => createBillingQueues(boss)));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
      expect(await bosses[0].getQueue(BILLING_QUEUE)).toMatchObject({ name: BILLING_QUEUE, deadLetter: BILLING_DEAD_QUEUE });
    } finally {
      await Promise.all(bosses.map((boss) => boss.stop({ graceful: false, wait: true })));
    }
  });
});
