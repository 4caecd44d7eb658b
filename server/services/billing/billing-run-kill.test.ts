// A billing run survives its worker being killed. 1,000 contracts are billed once by an undisturbed worker, and once
// more from scratch while the worker (`tally worker`, a separate process) is SIGKILLed at 10 random points — 9 while
// items are being drafted, 1 while the run drafts its payout statements — and restarted each time. The jobs the dead
// worker held stay "active" until their expiry (TALLY_BILLING_JOB_EXPIRE_SECONDS, a few seconds here, 15 minutes in
// production); the restarted worker's supervisor then puts them back on the queue, and their retries replace the
// half-written drafts. Afterwards the drafts equal the undisturbed run's (same lines, same totals, same traces), no
// contract has a second open invoice, every item is DONE, and the payout statements are the same. Last, a job whose
// worker dies on its final attempt goes to the dead-letter queue and its item is recorded FAILED, so the run finishes.
// The kill points and delays come from a seeded generator: the seed is printed, and TALLY_KILL_SEED=<seed> replays
// the same schedule (the interleaving with the worker still varies from run to run).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The jobs carry the expiry of the process that enqueues them (this one): set before queue-client.ts is imported.
const EXPIRE = vi.hoisted(() => {
  const previous = process.env.TALLY_BILLING_JOB_EXPIRE_SECONDS;
  process.env.TALLY_BILLING_JOB_EXPIRE_SECONDS = "4";
  return { previous, seconds: 4 };
});

import { periodBounds, periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { addDays } from "../../domain/contracts/dates";
import type { ContractTerms, ContractTermsInput } from "../../domain/contracts/terms";
import { BILLING_JOB, BILLING_QUEUE, closeQueueClients, queueClient } from "../../jobs/queue-client";
import { fromToday, platformFee, sportsLine, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { spawnWorker as spawnTallyWorker, untilWorkerReady, type WorkerProcess } from "../../testing/worker-process";
import { getBillingRun, retryFailedItems, startBillingRun } from "./billing-runs";

const CONTRACTS = 1_000;
const KILLS = 10;

const t = useTestDatabase();
const { cast, active } = useContractWorld(t);
/** Last month; the contracts' terms start before it, on its first day, or inside it (a prorated fee). */
const period = shiftPeriod(periodOf(fromToday(0)), -1);
const bounds = periodBounds(period);

// ---------------------------------------------------------------------------------------------------------------
// The world: four contracts made through the real procedures, cloned (with varied fees, rates and term starts)
// into 1,000 by bulk inserts, and a month of first- and third-party delivery for every CPM line.

const templates: ContractTermsInput[] = [
  { recurringFees: [platformFee("1000")], cpmLines: [sportsLine("12.50")] },
  {
    cpmLines: [
      {
        key: "news",
        name: "News",
        inventoryType: "CTV news",
        billableSource: "FIRST_PARTY",
        pricing: { source: "OVERRIDE", model: { model: "graduated", tiers: [{ upTo: "2000000", unitPrice: "0.011" }, { upTo: null, unitPrice: "0.0085", flatFee: "50" }] } },
      },
    ],
    partnerTerms: [{ partnerKey: "streamco", partnerName: "StreamCo", payout: { kind: "CPM_SHARE", percent: "20" } }],
  },
  {
    recurringFees: [platformFee("2500")],
    cpmLines: [sportsLine("9.75"), { key: "movies", name: "Movies", inventoryType: "CTV movies", agencyCommissionPercent: "15", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "18.20" } } }],
    partnerTerms: [{ partnerKey: "adnet", partnerName: "AdNet", payout: { kind: "REVENUE_SHARE", percent: "12.5" }, lines: ["movies"] }],
  },
  { recurringFees: [platformFee("400")], cpmLines: [{ ...sportsLine("14"), periodCap: "9000" }] },
];

/** Varies a template's prices by clone number, deterministically. */
function varied(terms: ContractTerms, i: number): ContractTerms {
  return {
    ...terms,
    recurringFees: terms.recurringFees.map((f) => ({ ...f, amount: `${150 + ((i * 37) % 2900)}.${String((i * 13) % 100).padStart(2, "0")}` })),
    cpmLines: terms.cpmLines.map((l) =>
      l.pricing.source === "OVERRIDE" && l.pricing.model.model === "perMille" ? { ...l, pricing: { ...l.pricing, model: { ...l.pricing.model, ratePerThousand: (6 + ((i * 7) % 23) * 0.65).toFixed(2) } } } : l,
    ),
  };
}

async function buildWorld() {
  const made = [];
  for (const terms of templates) made.push(await active({ terms }));
  const versions = await t.db.contractVersion.findMany({ where: { contractId: { in: made.map((m) => m.contract.id) }, status: "APPROVED" } });
  const termStarts = [addDays(bounds.from, -45), bounds.from, addDays(bounds.from, 9), addDays(bounds.from, -3)];
  const contracts = [];
  const clonedVersions = [];
  for (let i = made.length; i < CONTRACTS; i++) {
    const template = made[i % made.length].contract;
    const version = versions.find((v) => v.contractId === template.id)!;
    const id = randomUUID();
    const termStart = new Date(`${termStarts[(i >> 2) % termStarts.length]}T00:00:00Z`);
    contracts.push({
      id,
      number: `C-2025-${String(i).padStart(5, "0")}`,
      advertiserId: i % 3 === 0 ? cast.globex.id : cast.acme.id,
      title: `Clone ${i}`,
      currency: "USD",
      termStart,
      termEnd: new Date(`${fromToday(300)}T00:00:00Z`),
      paymentTermsDays: 30,
      autoRenew: false,
      renewalMonths: 12,
      noticeDays: 60,
      roundingMode: i % 5 === 0 ? "HALF_EVEN" : "HALF_UP",
      status: "ACTIVE" as const,
      createdById: cast.ops.id,
    });
    clonedVersions.push({
      contractId: id,
      number: 1,
      kind: version.kind,
      status: "APPROVED" as const,
      effectiveFrom: termStart,
      terms: varied(version.terms as unknown as ContractTerms, i) as object,
      revision: version.revision,
      authorId: cast.ops.id,
      committedValue: version.committedValue,
      requiredApprovals: 1,
      submissionRound: 1,
      submittedAt: new Date(),
      decidedAt: new Date(),
    });
  }
  await t.db.contract.createMany({ data: contracts });
  await t.db.contractVersion.createMany({ data: clonedVersions });
  // Every CPM line of every contract, every day of the month in its term, both sources; the third-party count is a
  // little lower, and on every tenth contract more than the 10 % threshold lower (flagged for review).
  await t.db.$executeRaw`
    INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id)
    SELECT c.id, c.advertiser_id, line.key, day::date, src.source::"DeliverySource",
           CASE WHEN src.source = 'FIRST_PARTY' THEN b.base
                ELSE b.base * (100 - CASE WHEN right(c.number, 1) = '0' THEN 20 ELSE abs(hashtext(c.number || day::text)) % 9 END) / 100 END,
           ${randomUUID()}::uuid
    FROM contract c
    JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED'
    CROSS JOIN LATERAL (SELECT jsonb_array_elements(v.terms -> 'cpmLines') ->> 'key' AS key) line
    CROSS JOIN LATERAL generate_series(GREATEST(c.term_start, ${bounds.from}::date), ${bounds.to}::date, interval '1 day') AS day
    CROSS JOIN (VALUES ('FIRST_PARTY'), ('THIRD_PARTY')) AS src(source)
    CROSS JOIN LATERAL (SELECT 20000 + abs(hashtext(c.number || line.key || day::text)) % 180000 AS base) b`;
}

// ---------------------------------------------------------------------------------------------------------------
// What is compared: every open invoice of the period with its lines, and every payout statement with its lines.

async function invoiceSnapshot() {
  const invoices = await t.db.invoice.findMany({ where: { period, status: { not: "VOID" } }, include: { lines: { orderBy: { position: "asc" } } } });
  const numbers = new Map((await t.db.contract.findMany({ select: { id: true, number: true } })).map((c) => [c.id, c.number]));
  return invoices
    .map((i) => ({
      contract: numbers.get(i.contractId)!,
      status: i.status,
      currency: i.currency,
      total: i.total.toFixed(),
      flags: i.flags,
      lines: i.lines.map((l) => ({ position: l.position, key: l.key, kind: l.kind, lineKey: l.lineKey, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: l.amount.toFixed(), trace: l.trace })),
    }))
    .sort((a, b) => (a.contract < b.contract ? -1 : 1));
}

async function payoutSnapshot() {
  const statements = await t.db.payoutStatement.findMany({ where: { period }, include: { partner: { select: { key: true } }, lines: { orderBy: { position: "asc" } } } });
  return statements
    .map((s) => ({
      partner: s.partner.key,
      currency: s.currency,
      status: s.status,
      total: s.total.toFixed(),
      revenue: s.revenue.toFixed(),
      lines: s.lines.map((l) => ({ contractId: l.contractId, position: l.position, key: l.key, kind: l.kind, quantity: l.quantity, revenue: l.revenue.toFixed(), unrounded: l.unrounded, amount: l.amount.toFixed() })),
    }))
    .sort((a, b) => (a.partner + a.currency < b.partner + b.currency ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// The worker: `tally worker` in its own process, on this file's database, with the same short job expiry.

const spawnWorker = () => spawnTallyWorker(t.url, { env: { TALLY_BILLING_JOB_EXPIRE_SECONDS: String(EXPIRE.seconds) } });

async function kill(worker: WorkerProcess) {
  if (worker.child.exitCode !== null) throw new Error(`The worker exited by itself (code ${worker.child.exitCode}) before it was killed:\n${worker.output()}`);
  worker.child.kill("SIGKILL");
  expect((await worker.exited).signal).toBe("SIGKILL");
}

/** Waits until `reached` holds for the run's progress, or fails after `seconds` showing where the run is. */
async function until(runId: string, worker: WorkerProcess, seconds: number, what: string, reached: (p: Awaited<ReturnType<typeof progress>>) => boolean) {
  const deadline = Date.now() + seconds * 1_000;
  for (let p = await progress(runId); !reached(p); p = await progress(runId)) {
    if (Date.now() > deadline) {
      throw new Error(`Not ${what} within ${seconds} s: ${p.done} done, ${p.failed} failed, ${p.pending} pending, run ${p.status}; jobs: ${await jobStates()}\nworker output (tail):\n${worker.output().slice(-4_000)}`);
    }
    await sleep(20);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function progress(runId: string) {
  const [run, counts] = await Promise.all([
    t.db.billingRun.findUniqueOrThrow({ where: { id: runId } }),
    t.db.billingRunItem.groupBy({ by: ["status"], where: { runId }, _count: true }),
  ]);
  const count = (s: string) => counts.find((c) => c.status === s)?._count ?? 0;
  return { status: run.status, done: count("DONE"), failed: count("FAILED"), pending: count("PENDING") };
}

async function jobStates() {
  const rows = await t.db.$queryRaw<{ state: string; n: bigint }[]>`SELECT state::text, count(*) AS n FROM pgboss.job WHERE name = 'billing.contract' GROUP BY state ORDER BY state`;
  return rows.map((r) => `${r.state} ${r.n}`).join(", ");
}

const untilDone = (runId: string, worker: WorkerProcess, seconds: number) => until(runId, worker, seconds, "done", (p) => p.status === "DONE");

/** How long the run took to finish (draft the payout statements) after its last item settled. */
async function finishingMs(runId: string) {
  const [row] = await t.db.$queryRaw<{ ms: number }[]>`
    SELECT (extract(epoch FROM r.finished_at - max(i.updated_at)) * 1000)::int AS ms FROM billing_run r JOIN billing_run_item i ON i.run_id = r.id WHERE r.id = ${runId}::uuid GROUP BY r.id`;
  return row.ms;
}

/** mulberry32: a small seeded generator, so a failing kill schedule can be replayed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ---------------------------------------------------------------------------------------------------------------

const timings: Record<string, number> = {};
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = Date.now();
  try {
    return await step();
  } finally {
    timings[label] = Date.now() - started;
  }
}

let worker: WorkerProcess | null = null;
let uninterrupted: { invoices: Awaited<ReturnType<typeof invoiceSnapshot>>; payouts: Awaited<ReturnType<typeof payoutSnapshot>> };

beforeAll(async () => {
  await timed("world", buildWorld);
});

afterAll(async () => {
  if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
    worker.child.kill("SIGKILL");
    await worker.exited;
  }
  await closeQueueClients();
  if (EXPIRE.previous === undefined) delete process.env.TALLY_BILLING_JOB_EXPIRE_SECONDS;
  else process.env.TALLY_BILLING_JOB_EXPIRE_SECONDS = EXPIRE.previous;
  console.log(`billing kill test timings (ms): ${JSON.stringify(timings)}`);
});

describe(`a billing run of ${CONTRACTS} contracts whose worker is killed ${KILLS} times`, () => {
  it("drafts every contract once when undisturbed, and the worker stops cleanly on SIGTERM", { timeout: 240_000 }, async () => {
    expect(BILLING_JOB.expireInSeconds).toBe(EXPIRE.seconds);
    worker = spawnWorker();
    await timed("first worker start", () => untilWorkerReady(worker!));
    const run = await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] });
    expect(run.total).toBe(CONTRACTS);
    await timed("undisturbed run", () => untilDone(run.id, worker!, 180));
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(worker.output(), "the worker logged no errors").not.toMatch(/"level":50/);
    timings["undisturbed run: finishing (payouts)"] = await finishingMs(run.id);

    uninterrupted = { invoices: await invoiceSnapshot(), payouts: await payoutSnapshot() };
    expect(uninterrupted.invoices).toHaveLength(CONTRACTS);
    expect(uninterrupted.invoices.filter((i) => i.lines.some((l) => l.kind === "CPM")).length).toBe(CONTRACTS);
    expect(uninterrupted.payouts.length).toBeGreaterThan(0);
  });

  it("after 10 SIGKILLs and restarts, the drafts equal the undisturbed run's and none is duplicated", { timeout: 300_000 }, async () => {
    expect(uninterrupted, "needs the undisturbed run").toBeDefined();
    // Start from nothing again: the undisturbed run's drafts and payout statements are deleted.
    await t.db.invoice.deleteMany({ where: { period, status: "DRAFT" } });
    await t.db.payoutStatement.deleteMany({ where: { period, status: "DRAFT" } });
    expect(await t.db.invoice.count({ where: { period } })).toBe(0);

    const seed = Number(process.env.TALLY_KILL_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`billing kill test: seed ${seed} (replay with TALLY_KILL_SEED=${seed})`);
    const random = seeded(seed);
    // Nine kill points spread over the items' progress (up to 90 %: the jobs of the last kill come back after their
    // expiry and retry delay, ~10 s, which the remaining items mostly cover), one while the run drafts its payout
    // statements; each kill comes a random moment after its point is reached, so it lands anywhere inside an item.
    const points = Array.from({ length: KILLS - 1 }, () => Math.floor((0.02 + random() * 0.88) * CONTRACTS)).sort((a, b) => a - b);

    const run = await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] });
    const jobs = await t.db.$queryRaw<{ expire: number }[]>`SELECT DISTINCT extract(epoch FROM expire_in)::int AS expire FROM pgboss.job WHERE name = 'billing.contract' AND state = 'created'`;
    expect(jobs).toEqual([{ expire: EXPIRE.seconds }]);

    const kills: string[] = [];
    const startedAt = Date.now();
    const elapsed = () => `${((Date.now() - startedAt) / 1_000).toFixed(1)} s`;
    await timed("interrupted run", async () => {
      for (const point of points) {
        worker = spawnWorker();
        await untilWorkerReady(worker);
        await until(run.id, worker, 60, `${point} items settled`, (p) => p.done + p.failed >= point || p.status === "DONE");
        await sleep(random() * 250);
        const at = await progress(run.id);
        await kill(worker);
        kills.push(`${at.done}/${CONTRACTS} at ${elapsed()}`);
      }
      // The tenth: once every item has settled, while the run finishes (drafts the month's payout statements).
      worker = spawnWorker();
      await untilWorkerReady(worker);
      await until(run.id, worker, 90, "every item settled", (p) => p.pending === 0 || p.status === "DONE");
      await sleep(random() * 400);
      const p = await progress(run.id);
      await kill(worker);
      kills.push(p.status === "DONE" ? "after the run was done (finishing was too quick to hit)" : `while finishing at ${elapsed()}`);
      console.log(`billing kill test: killed at ${kills.join("; ")}`);

      worker = spawnWorker();
      await untilWorkerReady(worker);
      await untilDone(run.id, worker, 120);
      console.log(`billing kill test: done at ${elapsed()}`);
    });
    worker!.child.kill("SIGTERM");
    expect(await worker!.exited).toEqual({ code: 0, signal: null });

    const report = await getBillingRun(t.db, run.id);
    expect(report).toMatchObject({ status: "DONE", total: CONTRACTS, done: CONTRACTS, failed: 0, failures: [] });
    expect(await t.db.billingRunItem.count({ where: { runId: run.id, invoiceId: null } })).toBe(0);
    const attempts = await t.db.billingRunItem.aggregate({ where: { runId: run.id }, _sum: { attempts: true } });
    console.log(`billing kill test: ${attempts._sum.attempts} item attempts for ${CONTRACTS} items`);

    // Exactly one open invoice per contract and month, and nothing else billed for the period.
    const perContract = await t.db.invoice.groupBy({ by: ["contractId"], where: { period, status: { not: "VOID" } }, _count: true });
    expect(perContract).toHaveLength(CONTRACTS);
    expect(perContract.filter((c) => c._count !== 1)).toEqual([]);
    expect(await t.db.invoice.count({ where: { period } })).toBe(CONTRACTS);

    const invoices = await invoiceSnapshot();
    const differing = invoices.filter((inv, i) => JSON.stringify(inv) !== JSON.stringify(uninterrupted.invoices[i])).map((i) => i.contract);
    expect(differing, "contracts whose draft differs from the undisturbed run's").toEqual([]);
    expect(invoices).toEqual(uninterrupted.invoices);
    expect(await payoutSnapshot()).toEqual(uninterrupted.payouts);
  });

  it("an item whose worker dies on every attempt ends FAILED, the run still finishes, and a retry drafts it", { timeout: 120_000 }, async () => {
    // A month of its own, a year from now, so the run's payout drafting prices this one contract, not the 1,000.
    const later = shiftPeriod(periodOf(fromToday(0)), 14);
    const { contract } = await active({ header: { termStart: periodBounds(later).from, termEnd: periodBounds(shiftPeriod(later, 2)).to }, terms: templates[0] });
    const run = await startBillingRun(t.db, requestAs(cast.finance), { period: later, contracts: [contract.number] });
    const item = await t.db.billingRunItem.findFirstOrThrow({ where: { runId: run.id } });
    // Batches the killed run committed just before a kill are still queued for their (harmless) retry: out of the way,
    // so the fetch below takes this item's job.
    await t.db.$executeRaw`DELETE FROM pgboss.job WHERE name = ${BILLING_QUEUE} AND NOT data -> 'itemIds' ? ${item.id}`;
    // Its job on its last attempt (instead of waiting out five expiries), taken by a worker that then dies: fetched
    // here and never completed.
    await t.db.$executeRaw`UPDATE pgboss.job SET retry_limit = 0 WHERE name = ${BILLING_QUEUE} AND data -> 'itemIds' ? ${item.id}`;
    const taken = await (await queueClient(t.url)).fetch<{ itemIds: string[] }>(BILLING_QUEUE);
    expect(taken?.map((j) => j.data)).toEqual([{ itemIds: [item.id] }]);

    worker = spawnWorker();
    await untilWorkerReady(worker);
    await timed("abandoned item: failed and finished", () => untilDone(run.id, worker!, 60));
    expect(await getBillingRun(t.db, run.id)).toMatchObject({ status: "DONE", done: 0, failed: 1, failures: [{ contractNumber: contract.number, error: "The worker stopped or timed out on every attempt" }] });

    await retryFailedItems(t.db, requestAs(cast.finance), run.id);
    await timed("abandoned item: retried", () => untilDone(run.id, worker!, 60));
    expect(await getBillingRun(t.db, run.id)).toMatchObject({ status: "DONE", done: 1, failed: 0 });
    expect(await t.db.invoice.count({ where: { contractId: contract.id, period: later, status: { not: "VOID" } } })).toBe(1);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
