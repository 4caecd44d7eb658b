// `npm run bench:conversions`: one billing period of conversions, end to end, on PostgreSQL, in this process.
// 1,000,000 conversions with their exposures are
//   1. ingested through the service the API and CSV import call (ingestConversions: batch check, last-touch
//      attribution, eligibility, dedupe, daily caps, one INSERT per batch, idempotency row and audit entry), in
//      batches of 10,000 with BENCH_CONCURRENCY in flight; beside it, its floor: the same rows through one raw
//      `INSERT … SELECT FROM json_to_recordset` per batch into a copy of the conversion table (no checks, no
//      attribution, no idempotency, no audit, no foreign keys);
//   2. approved: autoApproveConversions, the hourly job, with a clock past the lock period (pages of 2,000: one
//      UPDATE and one audit entry each);
//   3. priced: contract by contract, its approved conversions of the period read in keyset pages of 10,000 and
//      priced by priceCpaPeriod; the totals are cross-checked against the stored per-conversion payouts.
// Each stage reports conversions/s and the peak RSS of this process (sampled every 100 ms); stage 1 also reports
// RSS and rate at each quarter, to show both stay flat as the table grows.
// Goal: peak RSS < 512 MB in every stage, flat as volume grows (stream, never load the period at once). Runs on
// PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, default the local server) in a scratch database it creates
// and drops.
//
// Data: 100 ACTIVE contracts of one advertiser, each with one CPA line (purchase: 5 flat + 10% of value, at most 50;
// signup: 2 flat; click lookback 7 days, view 1 day, dedupe 24 h; US, CA, DE; lock period 14 days); every 20th
// contract has a daily cap of about 80% of its expected daily eligible conversions, so caps bite. The period is the
// previous calendar month; rows are described in bench/conversions-rows.ts (fixed seed: runs are comparable).
// Knobs: BENCH_CONVERSIONS (default 1,000,000), BENCH_CONCURRENCY (batches in flight, default 2).
import { randomUUID } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { createDb, type Db } from "../server/db/client";
import { closePgPool } from "../server/db/pg-transaction";
import { periodBounds, shiftPeriod } from "../server/domain/billing/billing-period";
import type { BillableConversion } from "../server/domain/billing/cpa-period";
import { addDays, todayIso } from "../server/domain/contracts/dates";
import type { ContractTermsInput } from "../server/domain/contracts/terms";
import { BackendCpu, createActiveContracts, createScratchDatabase, databaseFacts, fmt, insertStaff, MB, RssSampler, tableShape, type BenchContract } from "./bench-world";
import { batchCount, batchRows, LINE_KEY, SEED, type FeedPlan, type IntendedFate } from "./conversions-rows";
import { runConcurrent } from "./run-concurrent";

process.env.LOG_LEVEL = "silent";
const { systemActor } = await import("../server/auth/actor");
const { Dec } = await import("../server/domain/money");
const { priceCpaPeriod } = await import("../server/domain/billing/cpa-period");
const { createApiKey, authenticateApiKey } = await import("../server/services/apiKeys/api-keys");
const { findContractsWithTerms } = await import("../server/services/contracts/contract-terms-in-force");
const { autoApproveConversions } = await import("../server/services/conversions/auto-approve-conversions");
const { ingestConversions } = await import("../server/services/conversions/ingest-conversions");
const { insertAdvertiser, requestAs } = await import("../server/testing/fixtures");

const TOTAL = Number(process.env.BENCH_CONVERSIONS ?? 1_000_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const ROWS_PER_BATCH = 10_000; // the service's maximum
const CONTRACTS = 100;
const CAPPED_EVERY = 20;
const LOCK_PERIOD_DAYS = 14;
const PRICING_PAGE = 10_000;
const RSS_GOAL_MB = 512;
const SAMPLE_MS = 100;

// ---------------------------------------------------------------------------------------------------------------
// The world: staff, one advertiser, its contracts with one CPA line each, and its attribution feed's API key.

function cpaTerms(dailyCap: number | null): ContractTermsInput {
  return {
    cpaLines: [
      {
        key: LINE_KEY,
        name: "Shop conversions",
        payouts: [
          { conversionType: "purchase", flat: "5", percentOfValue: "10", maxPerConversion: "50" },
          { conversionType: "signup", flat: "2" },
        ],
        attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
        eligibility: { conversionTypes: ["purchase", "signup"], geographies: ["US", "CA", "DE"] },
        caps: { perDay: dailyCap === null ? null : { conversions: dailyCap }, perPeriod: null },
        lockPeriodDays: LOCK_PERIOD_DAYS,
      },
    ],
  };
}

async function setUpWorld(db: Db, period: { from: string; to: string }) {
  const staff = await insertStaff(db);
  const advertiser = await insertAdvertiser(db, "bench-shop");
  const days = Number(period.to.slice(8, 10));
  // About 80% of a capped contract's expected eligible conversions per day: most of its days reach the cap.
  const dailyCap = Math.max(1, Math.round((0.8 * 0.85 * TOTAL) / CONTRACTS / days));
  const contracts = await createActiveContracts(db, staff, CONTRACTS, (i) => ({
    advertiserId: advertiser.id,
    header: { title: `Bench CPA contract ${i}`, currency: "USD", termStart: addDays(period.from, -30), termEnd: addDays(todayIso(), 365), paymentTermsDays: 30, autoRenew: false, renewalMonths: 12, noticeDays: 60, roundingMode: "HALF_UP" },
    terms: cpaTerms(i % CAPPED_EVERY === 0 ? dailyCap : null),
  }));
  const { plaintext } = await createApiKey(db, requestAs(staff.admin), { name: "Bench attribution feed", scopes: ["conversions:write"], advertiserId: advertiser.id });
  return { contracts, feed: await authenticateApiKey(db, plaintext), dailyCap, capped: Math.ceil(CONTRACTS / CAPPED_EVERY) };
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring a stage: wall time, peak RSS of this process, CPU of this process and of the database backends.

interface StageResult {
  stage: string;
  conversions: number;
  seconds: number;
  startRssMb: number;
  peakRssMb: number;
  nodeCpu: number;
  pgCpu: number;
  note?: string;
}

async function measure(stage: string, monitor: pg.Client, work: () => Promise<{ conversions: number; note?: string }>): Promise<StageResult> {
  const startRss = process.memoryUsage().rss;
  const sampler = new RssSampler(() => process.memoryUsage().rss, SAMPLE_MS);
  const cpuBefore = process.cpuUsage();
  const backends = new BackendCpu(monitor);
  const started = performance.now();
  try {
    const { conversions, note } = await work();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = await backends.stop();
    sampler.stop();
    const result = { stage, conversions, seconds, startRssMb: MB(startRss), peakRssMb: MB(sampler.peak), nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu, note };
    console.error(`  ${stage}: ${fmt(conversions)} in ${seconds.toFixed(1)} s = ${fmt(conversions / seconds)}/s, peak RSS ${result.peakRssMb} MB`);
    return result;
  } finally {
    sampler.stop();
    await backends.stop();
  }
}

/** RSS and rate as stage 1 passes each quarter of its batches. */
interface Milestone {
  percent: number;
  conversions: number;
  seconds: number;
  rssMb: number;
  peakSoFarMb: number;
  heapMb: number;
  quarterRate: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 1 and its floor.

async function runIngest(db: Db, feed: Awaited<ReturnType<typeof authenticateApiKey>>, plan: FeedPlan, milestones: Milestone[]) {
  const batches = batchCount(plan);
  const ctx = requestAs(feed);
  const counts = { eligible: 0, ineligible: 0, overCap: 0 };
  const fates: Record<IntendedFate, number> = { eligible: 0, outsideWindows: 0, wrongGeography: 0, duplicate: 0 };
  // With fewer than four batches some quarters end on the same batch: each batch is reported once.
  const marks = [1, 2, 3, 4].map((q) => ({ percent: q * 25, after: Math.ceil((batches * q) / 4) })).filter((m, i, all) => all.findLastIndex((o) => o.after === m.after) === i);
  const started = performance.now();
  let done = 0;
  let peak = 0;
  const peakTimer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), SAMPLE_MS);
  try {
    await runConcurrent(batches, CONCURRENCY, async (b) => {
      const batch = batchRows(plan, b);
      for (const fate of Object.keys(fates) as IntendedFate[]) fates[fate] += batch.fates[fate];
      const result = await ingestConversions(db, ctx, { idempotencyKey: `bench-conversions-${b}`, rows: batch.rows });
      if (result.replayed || result.accepted !== batch.rows.length) throw new Error(`batch ${b}: unexpected result ${JSON.stringify({ ...result, alreadyReceivedIds: undefined })}`);
      counts.eligible += result.eligible;
      counts.ineligible += result.ineligible;
      counts.overCap += result.overCap;
      done++;
      if (done % Math.max(1, Math.floor(batches / 10)) === 0) console.error(`    ${done}/${batches} batches, ${((performance.now() - started) / 1000).toFixed(0)} s, RSS ${MB(process.memoryUsage().rss)} MB`);
      for (const mark of marks) {
        if (done !== mark.after) continue;
        const seconds = (performance.now() - started) / 1000;
        const previous = milestones.at(-1);
        const conversions = Math.min(plan.total, done * plan.rowsPerBatch);
        const rss = process.memoryUsage().rss;
        peak = Math.max(peak, rss);
        milestones.push({
          percent: mark.percent,
          conversions,
          seconds,
          rssMb: MB(rss),
          peakSoFarMb: MB(peak),
          heapMb: MB(process.memoryUsage().heapUsed),
          quarterRate: (conversions - (previous?.conversions ?? 0)) / (seconds - (previous?.seconds ?? 0)),
        });
      }
    });
  } finally {
    clearInterval(peakTimer);
  }
  return { counts, fates };
}

// The columns insertConversions writes, from a raw row as it arrives: no parsing, checks, attribution or verdicts.
const FLOOR_SQL = `
  INSERT INTO bench_conversion_floor (id, advertiser_id, external_id, contract_id, line_key, occurred_at, type, value, currency, geography, new_customer, partner_key, dedupe_key, exposures, eligibility, batch_id)
  SELECT gen_random_uuid(), i.ad, i.ex, i.co, i.li, i.at, i.ty, i.va, i.cu, i.ge, i.nc, i.pa, i.dk, i.xp, 'ELIGIBLE', $2::uuid
  FROM json_to_recordset($1::json) AS i(ad uuid, ex text, co uuid, li text, at timestamptz, ty text, va numeric, cu char(3), ge char(2), nc boolean, pa text, dk text, xp jsonb)`;

async function runFloor(pool: pg.Pool, plan: FeedPlan) {
  const byNumber = new Map(plan.contracts.map((c) => [c.number, c]));
  await runConcurrent(batchCount(plan), CONCURRENCY, async (b) => {
    const { rows } = batchRows(plan, b);
    const json = JSON.stringify(
      rows.map((r) => {
        const contract = byNumber.get(r.contract)!;
        return { ad: contract.advertiserId, ex: r.externalId, co: contract.id, li: r.line, at: r.occurredAt, ty: r.type, va: r.value ?? null, cu: r.currency ?? null, ge: r.geography, nc: r.newCustomer, pa: r.partner ?? null, dk: r.dedupeKey, xp: r.exposures };
      }),
    );
    const result = await pool.query(FLOOR_SQL, [json, randomUUID()]);
    if (result.rowCount !== rows.length) throw new Error(`floor batch ${b}: inserted ${result.rowCount}`);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Stage 3: pricing the period, one contract at a time, its conversions read in keyset pages.

interface ApprovedRow {
  id: string;
  line_key: string;
  occurred_at: Date;
  type: string;
  value: string | null;
}

async function* approvedConversions(pool: pg.Pool, contractId: string, period: { from: string; to: string }): AsyncGenerator<BillableConversion[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const { rows }: { rows: ApprovedRow[] } = await pool.query<ApprovedRow>(
      `SELECT id, line_key, occurred_at, type, value::text AS value FROM conversion
       WHERE contract_id = $1 AND eligibility = 'ELIGIBLE' AND review = 'APPROVED'
         AND occurred_at >= $2::date::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
         AND ($4::timestamptz IS NULL OR (occurred_at, id) > ($4::timestamptz, $5::uuid))
       ORDER BY occurred_at, id LIMIT ${PRICING_PAGE}`,
      [contractId, period.from, period.to, after?.at ?? null, after?.id ?? null],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({ id: r.id, lineKey: r.line_key, occurredAt: r.occurred_at.toISOString(), type: r.type, value: r.value }));
    if (rows.length < PRICING_PAGE) return;
    const last: ApprovedRow = rows[rows.length - 1];
    after = { at: last.occurred_at, id: last.id };
  }
}

async function pricePeriod(db: Db, pool: pg.Pool, contracts: readonly BenchContract[], period: { from: string; to: string }) {
  const actor = systemActor("conversions bench");
  let priced = 0;
  let total = new Dec(0);
  let largest = 0;
  for (const { id } of contracts) {
    const [contract] = await findContractsWithTerms(db, actor, { id });
    // priceCpaPeriod takes a contract's whole period (tiers and rounding are per period): pages are gathered per
    // contract, so memory is bounded by the largest contract's period, never by the whole table.
    const conversions: BillableConversion[] = [];
    for await (const page of approvedConversions(pool, id, period)) conversions.push(...page);
    const draft = priceCpaPeriod({
      contract: { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode, term: contract.term },
      period,
      versions: contract.versions,
      conversions,
      reversals: [],
    });
    if (draft.flags.length > 0) throw new Error(`${contract.number}: unexpected flags ${JSON.stringify(draft.flags)}`);
    priced += conversions.length;
    largest = Math.max(largest, conversions.length);
    total = total.plus(draft.total);
  }
  return { priced, total: total.toFixed(2), largest };
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  if (!(TOTAL > 0) || !(CONCURRENCY > 0)) throw new Error("BENCH_CONVERSIONS and BENCH_CONCURRENCY must be positive numbers");
  const month = shiftPeriod(todayIso().slice(0, 7), -1);
  const period = periodBounds(month);
  const scratch = await createScratchDatabase();
  const { databaseUrl } = scratch;
  const db = createDb(databaseUrl, 4);
  const bench = new pg.Client({ connectionString: databaseUrl });
  const monitor = new pg.Client({ connectionString: databaseUrl });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  try {
    await bench.connect();
    await monitor.connect();
    const started = performance.now();
    const { contracts, feed, dailyCap, capped } = await setUpWorld(db, period);
    const setupSeconds = (performance.now() - started) / 1000;
    const plan: FeedPlan = { contracts, startMs: Date.parse(`${period.from}T00:00:00Z`), endMs: Date.parse(`${addDays(period.to, 1)}T00:00:00Z`), total: TOTAL, rowsPerBatch: ROWS_PER_BATCH };

    // The floor's table: conversion as the migrations define it (columns, types, defaults, checks, primary key and
    // indexes: LIKE … INCLUDING ALL never copies foreign keys or triggers).
    await bench.query(`CREATE TABLE bench_conversion_floor (LIKE conversion INCLUDING ALL)`);

    console.log(`# Conversions bench: ingest, attribute, judge, approve and price one period`);
    console.log(``);
    console.log(`- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${MB(os.totalmem())} MB RAM, Node ${process.version}`);
    console.log(`- database: ${await databaseFacts(bench, scratch.host)}`);
    console.log(`- data: ${fmt(TOTAL)} conversions of period ${month} (${period.from} … ${period.to}) = ${batchCount(plan)} batches of ≤ ${fmt(ROWS_PER_BATCH)}, ${CONCURRENCY} in flight, seed ${SEED}`);
    console.log(`- contracts: ${CONTRACTS} ACTIVE, one CPA line each; ${capped} with a daily cap of ${fmt(dailyCap)} conversions; lock period ${LOCK_PERIOD_DAYS} days`);
    console.log(`- conversion: ${await tableShape(bench, "conversion")}`);
    console.log(`- bench_conversion_floor: ${await tableShape(bench, "bench_conversion_floor")}`);
    console.log(`- setup: ${CONTRACTS} contracts created, submitted and approved through tRPC in ${setupSeconds.toFixed(1)} s`);
    console.log(``);
    const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(", ");

    const results: StageResult[] = [];
    results.push(
      await measure("floor: raw INSERT … json_to_recordset", monitor, async () => {
        await runFloor(pool, plan);
        return { conversions: TOTAL };
      }),
    );
    // Out of the way of the stages measured next: its pages would otherwise share the buffer cache with theirs.
    await bench.query(`DROP TABLE bench_conversion_floor`);
    await bench.query(`CHECKPOINT`);

    const milestones: Milestone[] = [];
    let ingested!: Awaited<ReturnType<typeof runIngest>>;
    results.push(
      await measure("1. ingest + attribute + judge (ingestConversions)", monitor, async () => {
        ingested = await runIngest(db, feed, plan, milestones);
        return { conversions: TOTAL };
      }),
    );
    const verdicts = await bench.query<{ eligibility: string; reason_code: string | null; n: number }>(
      `SELECT eligibility, reason_code, count(*)::int AS n FROM conversion GROUP BY 1, 2 ORDER BY 1, 3 DESC`,
    );

    // A clock past every conversion's lock period; reviewedAt takes it, which is harmless in a scratch database.
    const clock = new Date(`${addDays(period.to, LOCK_PERIOD_DAYS + 1)}T00:00:00Z`);
    results.push(
      await measure("2. approve: autoApproveConversions", monitor, async () => {
        const { approved } = await autoApproveConversions(db, { actor: systemActor("auto-approval job"), source: "JOB", requestId: "bench-auto-approve" }, clock);
        return { conversions: approved };
      }),
    );
    const approvedCount = (await bench.query<{ n: number }>(`SELECT count(*)::int AS n FROM conversion WHERE review = 'APPROVED'`)).rows[0].n;
    if (approvedCount !== ingested.counts.eligible) throw new Error(`${approvedCount} approved, ${ingested.counts.eligible} eligible`);

    let pricing!: Awaited<ReturnType<typeof pricePeriod>>;
    results.push(
      await measure("3. price the period (keyset pages + priceCpaPeriod)", monitor, async () => {
        pricing = await pricePeriod(db, pool, contracts, period);
        return { conversions: pricing.priced };
      }),
    );
    const stored = (await bench.query<{ sum: string }>(`SELECT COALESCE(sum(payout), 0)::numeric(20, 2)::text AS sum FROM conversion WHERE eligibility = 'ELIGIBLE' AND review = 'APPROVED'`)).rows[0].sum;
    if (pricing.priced !== approvedCount) throw new Error(`priced ${pricing.priced} of ${approvedCount} approved conversions`);

    // ---- Report
    const pct = (n: number) => `${((100 * n) / TOTAL).toFixed(1)}%`;
    const { counts, fates } = ingested;
    console.log(`## Verdicts`);
    console.log(``);
    console.log(`Meant: ${fmt(fates.eligible)} eligible, ${fmt(fates.outsideWindows)} outside windows, ${fmt(fates.wrongGeography)} wrong geography, ${fmt(fates.duplicate)} duplicates.`);
    console.log(`Judged: ${fmt(counts.eligible)} eligible (${pct(counts.eligible)}), ${fmt(counts.ineligible)} ineligible (${pct(counts.ineligible)}), ${fmt(counts.overCap)} over cap (${pct(counts.overCap)}):`);
    console.log(verdicts.rows.map((v) => `${v.eligibility}${v.reason_code ? ` ${v.reason_code}` : ""} ${fmt(v.n)}`).join("; "));
    console.log(``);

    console.log(`## Stages`);
    console.log(``);
    console.log(`| stage | conversions | seconds | conversions/s | RSS at start | peak RSS | Node CPU s | PG backends CPU s |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|---:|`);
    for (const r of results) {
      console.log(`| ${r.stage} | ${fmt(r.conversions)} | ${r.seconds.toFixed(1)} | ${fmt(r.conversions / r.seconds)} | ${r.startRssMb} MB | ${r.peakRssMb} MB | ${r.nodeCpu.toFixed(1)} | ${r.pgCpu.toFixed(1)} |`);
    }
    console.log(``);
    const [floor, ingest] = results;
    const rate = (r: StageResult) => r.conversions / r.seconds;
    console.log(`- Stage 1 runs at ${(rate(ingest) / rate(floor)).toFixed(2)}× the floor's rate: checking, attribution, judging, idempotency and audit cost the rest.`);
    console.log(`- Pricing: ${fmt(pricing.priced)} approved conversions of ${CONTRACTS} contracts, at most ${fmt(pricing.largest)} for one contract (held while it is priced): total ${pricing.total} USD; Σ stored payouts ${stored} USD (lines are rounded once each, so they may differ by cents).`);
    console.log(``);

    console.log(`## Stage 1 as the table grows`);
    console.log(``);
    console.log(`| through | conversions | seconds | conversions/s in that quarter | RSS | peak RSS so far | heap used |`);
    console.log(`|---:|---:|---:|---:|---:|---:|---:|`);
    for (const m of milestones) console.log(`| ${m.percent}% | ${fmt(m.conversions)} | ${m.seconds.toFixed(1)} | ${fmt(m.quarterRate)} | ${m.rssMb} MB | ${m.peakSoFarMb} MB | ${m.heapMb} MB |`);
    console.log(``);
    console.log(`Load average (1, 5, 15 min) before: ${loadBefore}; after: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (other work on the machine skews the numbers).`);
    console.log(``);

    const worst = results.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a));
    const ok = worst.peakRssMb < RSS_GOAL_MB;
    const measured = results.filter((r) => r !== floor);
    console.log(
      `Verdict: ${ok ? "PASS" : "FAIL"}: peak RSS ${worst.peakRssMb} MB (${worst.stage}) ${ok ? "<" : "≥"} ${RSS_GOAL_MB} MB in every stage; ` +
        measured.map((r) => `${r.stage.split(" (")[0].split(":")[0]} ${fmt(rate(r))}/s`).join(", ") +
        (milestones.length > 1 ? `; stage 1's last quarter ran at ${(milestones.at(-1)!.quarterRate / milestones[0].quarterRate).toFixed(2)}× its first quarter's rate.` : "."),
    );
  } finally {
    await pool.end().catch(() => {});
    await db.$disconnect();
    await closePgPool(databaseUrl);
    await bench.end().catch(() => {});
    await monitor.end().catch(() => {});
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
