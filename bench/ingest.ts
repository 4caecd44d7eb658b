// `npm run bench:ingest`: delivery ingestion throughput. 1,000,000 delivery rows go through the REST batch
// endpoint (POST /api/v1/delivery, batches of 10,000) into PostgreSQL, with the server in a child process so its
// peak RSS is its own; then the same rows through one raw `INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`
// per batch into a copy of delivery_record's table (the floor: no validation, no idempotency, no audit, no
// supersedes lookup, no foreign keys or triggers).
// Goal: the endpoint at ≥ 0.6 × the floor's rate, server RSS < 512 MB. Runs on PostgreSQL (BENCH_DATABASE_URL or
// TEST_DATABASE_URL, default the local server) in a scratch database it creates and drops.
//
// Data: 250 ACTIVE contracts × 2 CPM lines × 2 sources × 1,000 days (ending today) = 1,000,000 distinct keys;
// batch b carries days 10b … 10b+9 for every contract, line and source (a daily feed, 10 days per call).
// Knobs: BENCH_CONCURRENCY (a list, default "1,2,4": each level is a full run on emptied tables),
// BENCH_BATCHES (default 100), BENCH_CPU_PROF=1 (writes each server run's V8 CPU profile under $TMPDIR/tally-bench-profiles/).
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../server/db/client";
import { addDays, todayIso } from "../server/domain/contracts/dates";
import { DELIVERY_SOURCES } from "../server/domain/delivery/delivery-batch";
import {
  BackendCpu,
  createActiveContracts,
  createScratchDatabase,
  databaseFacts,
  insertStaff,
  MB,
  procCpuSeconds,
  procStatusKb,
  RssSampler,
  tableShape,
  type BenchContract,
} from "./bench-world";
import { runConcurrent } from "./run-concurrent";

// The setup's own procedure logs are noise here (the server child keeps the caller's LOG_LEVEL, default info).
const serverLogLevel = process.env.LOG_LEVEL ?? "info";
process.env.LOG_LEVEL = "silent";
const { createApiKey } = await import("../server/services/apiKeys/api-keys");
const { insertAdvertiser, requestAs } = await import("../server/testing/fixtures");

const CONCURRENCY_LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,2,4").split(",").map(Number).filter((n) => n > 0);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 100);
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";

const CONTRACTS = 250;
const LINES = ["sports", "news"] as const;
const SOURCES = ["first_party", "third_party"] as const;
const DAYS_PER_BATCH = 10;
const ROWS_PER_BATCH = CONTRACTS * LINES.length * SOURCES.length * DAYS_PER_BATCH; // 10,000
const TOTAL_ROWS = BATCHES * ROWS_PER_BATCH;
const TOTAL_DAYS = BATCHES * DAYS_PER_BATCH;
const RSS_GOAL_MB = 512;
const RATIO_GOAL = 0.6;

// ---------------------------------------------------------------------------------------------------------------
// The world: users, advertisers, contracts whose terms cover every day sent, an API key.

async function setUpWorld(db: Db, firstDay: string, today: string) {
  const staff = await insertStaff(db);
  const advertisers = await Promise.all(Array.from({ length: 10 }, (_, i) => insertAdvertiser(db, `bench-advertiser-${i}`)));
  const line = (key: string, rate: string) => ({ key, name: key[0].toUpperCase() + key.slice(1), inventoryType: `CTV ${key}`, pricing: { source: "OVERRIDE" as const, model: { model: "perMille" as const, ratePerThousand: rate } } });
  const contracts = await createActiveContracts(db, staff, CONTRACTS, (i) => ({
    advertiserId: advertisers[i % advertisers.length].id,
    header: { title: `Bench contract ${i}`, currency: "USD", termStart: addDays(firstDay, -30), termEnd: addDays(today, 365), paymentTermsDays: 30, autoRenew: false, renewalMonths: 12, noticeDays: 60, roundingMode: "HALF_UP" },
    terms: { cpmLines: [line("sports", "12.50"), line("news", "9.00")] },
  }));
  const { plaintext } = await createApiKey(db, requestAs(staff.admin), { name: "Bench delivery feed", scopes: ["delivery:write"], advertiserId: null });
  return { contracts, apiKey: plaintext };
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic rows: batch b = days firstDay + 10b … + 10b+9, every contract × line × source.

interface Row {
  contract: BenchContract;
  line: string;
  date: string;
  source: (typeof SOURCES)[number];
  impressions: number;
}

function* batchRows(contracts: readonly BenchContract[], firstDay: string, b: number): Generator<Row> {
  let n = 0;
  for (let d = 0; d < DAYS_PER_BATCH; d++) {
    const date = addDays(firstDay, b * DAYS_PER_BATCH + d);
    for (const contract of contracts)
      for (const line of LINES)
        for (const source of SOURCES) {
          n++;
          // A fixed pseudo-random count per (batch, row): 1,000 … 1,000,999.
          const impressions = 1_000 + ((b * 7_919 + n * 104_729) % 1_000_000);
          yield { contract, line, date, source, impressions };
        }
  }
}


// ---------------------------------------------------------------------------------------------------------------
// Memory: the server child's VmHWM (kernel-kept peak RSS) and a 200 ms VmRSS sample as a cross-check (bench-world.ts).

async function startServer(databaseUrl: string, profileDir: string | null): Promise<{ child: ChildProcess; port: number }> {
  const execArgv = ["--import", "tsx"];
  if (profileDir) execArgv.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
  const child = fork(path.join(import.meta.dirname, "ingest-server.ts"), [], {
    execArgv,
    env: { ...process.env, DATABASE_URL: databaseUrl, NODE_ENV: "production", LOG_LEVEL: serverLogLevel },
    // The server logs one JSON line per request, as in production; the bench does not need to read them.
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`bench server exited early (${code})`)));
  });
  return { child, port };
}

async function stopServer(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.disconnect(); // the server exits on disconnect (flushing a --cpu-prof profile)
  await exited;
}

// ---------------------------------------------------------------------------------------------------------------

interface Result {
  path: string;
  concurrency: number;
  rows: number;
  seconds: number;
  rssMb: number;
  rssWhose: string;
  /** CPU seconds of the process doing the work in Node (the server; the bench itself for the floor). */
  nodeCpu: number;
  /** CPU seconds of the PostgreSQL backends serving the run. */
  pgCpu: number;
  /** The server's RSS once listening, before the first request. */
  idleRssMb?: number;
}

async function resetTables(admin: pg.Client) {
  // TRUNCATE does not fire the append-only row triggers; every level starts from empty tables, as the first did.
  // No VACUUM/ANALYZE after it: statistics saying "0 rows" make the planner pick a sequential scan for the
  // per-row supersedes lookup of the next batch (quadratic in the batch), which a fresh database never shows.
  await admin.query(`TRUNCATE delivery_record, ingest_batch, bench_delivery_floor`);
  await admin.query(`CHECKPOINT`);
}

async function runHttp(databaseUrl: string, contracts: BenchContract[], firstDay: string, apiKey: string, concurrency: number, admin: pg.Client): Promise<Result> {
  const profileDir = CPU_PROF ? path.join(os.tmpdir(), "tally-bench-profiles") : null;
  const { child, port } = await startServer(databaseUrl, profileDir);
  const idleRss = procStatusKb(child.pid!, "VmRSS") * 1024;
  const sampler = new RssSampler(() => procStatusKb(child.pid!, "VmRSS") * 1024);
  const cpuBefore = procCpuSeconds(child.pid!);
  const backends = new BackendCpu(admin);
  try {
    const seconds = await runConcurrent(BATCHES, concurrency, async (b) => {
      const rows = Array.from(batchRows(contracts, firstDay, b), (r) => ({ date: r.date, contract: r.contract.number, line: r.line, source: r.source, impressions: r.impressions }));
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/delivery`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ idempotencyKey: `bench-c${concurrency}-b${b}`, rows }),
      });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`batch ${b}: HTTP ${response.status}: ${text.slice(0, 2_000)}`);
      const result = JSON.parse(text) as { rows: number; replayed: boolean; corrections: number };
      if (result.rows !== ROWS_PER_BATCH || result.replayed || result.corrections !== 0) throw new Error(`batch ${b}: unexpected result ${text.slice(0, 500)}`);
    });
    const hwm = procStatusKb(child.pid!, "VmHWM") * 1024;
    const nodeCpu = procCpuSeconds(child.pid!) - cpuBefore;
    const pgCpu = await backends.stop();
    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM delivery_record`);
    if (Number(rows[0].n) !== TOTAL_ROWS) throw new Error(`delivery_record holds ${rows[0].n} rows, expected ${TOTAL_ROWS}`);
    const batches = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ingest_batch`);
    if (Number(batches.rows[0].n) !== BATCHES) throw new Error(`ingest_batch holds ${batches.rows[0].n} rows, expected ${BATCHES}`);
    return { path: "HTTP POST /api/v1/delivery", concurrency, rows: TOTAL_ROWS, seconds, rssMb: MB(Math.max(hwm, sampler.peak)), rssWhose: "server", nodeCpu, pgCpu, idleRssMb: MB(idleRss) };
  } finally {
    sampler.stop();
    await backends.stop();
    await stopServer(child);
  }
}

const FLOOR_SQL = `
  INSERT INTO bench_delivery_floor (contract_id, advertiser_id, line_key, day, source, impressions, batch_id)
  SELECT i.contract_id, i.advertiser_id, i.line_key, i.day, i.source::"DeliverySource", i.impressions, $7::uuid
  FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::bigint[])
    AS i(contract_id, advertiser_id, line_key, day, source, impressions)
  ON CONFLICT DO NOTHING`;

async function runFloor(databaseUrl: string, contracts: BenchContract[], firstDay: string, concurrency: number, admin: pg.Client): Promise<Result> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: concurrency });
  const baseline = process.memoryUsage().rss;
  const sampler = new RssSampler(() => process.memoryUsage().rss, 50);
  const cpuBefore = process.cpuUsage();
  const backends = new BackendCpu(admin);
  try {
    const seconds = await runConcurrent(BATCHES, concurrency, async (b) => {
      const cols = { contractId: [] as string[], advertiserId: [] as string[], line: [] as string[], day: [] as string[], source: [] as string[], impressions: [] as string[] };
      for (const r of batchRows(contracts, firstDay, b)) {
        cols.contractId.push(r.contract.id);
        cols.advertiserId.push(r.contract.advertiserId);
        cols.line.push(r.line);
        cols.day.push(r.date);
        cols.source.push(DELIVERY_SOURCES[r.source]);
        cols.impressions.push(String(r.impressions));
      }
      const result = await pool.query(FLOOR_SQL, [cols.contractId, cols.advertiserId, cols.line, cols.day, cols.source, cols.impressions, randomUUID()]);
      if (result.rowCount !== ROWS_PER_BATCH) throw new Error(`floor batch ${b}: inserted ${result.rowCount}`);
    });
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = await backends.stop();
    const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM bench_delivery_floor`);
    if (Number(rows[0].n) !== TOTAL_ROWS) throw new Error(`bench_delivery_floor holds ${rows[0].n} rows, expected ${TOTAL_ROWS}`);
    return { path: "floor: raw INSERT … unnest … ON CONFLICT", concurrency, rows: TOTAL_ROWS, seconds, rssMb: MB(Math.max(sampler.peak, baseline)), rssWhose: "bench", nodeCpu: (cpu.user + cpu.system) / 1e6, pgCpu };
  } finally {
    sampler.stop();
    await backends.stop();
    await pool.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const scratch = await createScratchDatabase();
  const { databaseUrl } = scratch;
  const db = createDb(databaseUrl, 4);
  const bench = new pg.Client({ connectionString: databaseUrl });
  try {
    await bench.connect();
    const today = todayIso();
    const firstDay = addDays(today, -(TOTAL_DAYS - 1));

    let started = performance.now();
    const { contracts, apiKey } = await setUpWorld(db, firstDay, today);
    const setupSeconds = (performance.now() - started) / 1000;
    await db.$disconnect();

    // The floor's table: delivery_record as the migrations define it (columns, types, defaults, checks, primary
    // key and indexes: LIKE … INCLUDING ALL, which never copies foreign keys or triggers), plus the UNIQUE key
    // ON CONFLICT needs as its target.
    await bench.query(`CREATE TABLE bench_delivery_floor (LIKE delivery_record INCLUDING ALL)`);
    await bench.query(`ALTER TABLE bench_delivery_floor ADD UNIQUE (contract_id, line_key, day, source)`);

    console.log(`# Delivery ingestion bench`);
    console.log(``);
    console.log(`- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${MB(os.totalmem())} MB RAM, Node ${process.version}`);
    console.log(`- database: ${await databaseFacts(bench, scratch.host)}`);
    console.log(`- data: ${TOTAL_ROWS.toLocaleString("en-US")} rows = ${BATCHES} batches × ${ROWS_PER_BATCH.toLocaleString("en-US")} (${CONTRACTS} contracts × ${LINES.length} lines × ${SOURCES.length} sources × ${DAYS_PER_BATCH} days), days ${firstDay} … ${today}`);
    console.log(`- delivery_record: ${await tableShape(bench, "delivery_record")}`);
    console.log(`- bench_delivery_floor: ${await tableShape(bench, "bench_delivery_floor")}`);
    console.log(`- setup: ${CONTRACTS} contracts created, submitted and approved through tRPC in ${setupSeconds.toFixed(1)} s`);
    console.log(``);

    const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(", ");
    const results: Result[] = [];
    for (const concurrency of CONCURRENCY_LEVELS) {
      await resetTables(bench);
      results.push(await runFloor(databaseUrl, contracts, firstDay, concurrency, bench));
      await resetTables(bench);
      results.push(await runHttp(databaseUrl, contracts, firstDay, apiKey, concurrency, bench));
      const [floor, http] = results.slice(-2);
      console.error(`  concurrency ${concurrency}: floor ${Math.round(floor.rows / floor.seconds)} rows/s, HTTP ${Math.round(http.rows / http.seconds)} rows/s, server peak RSS ${http.rssMb} MB`);
    }

    const floorRate = (c: number) => {
      const floor = results.find((r) => r.concurrency === c && r.rssWhose === "bench")!;
      return floor.rows / floor.seconds;
    };
    console.log(`| path | concurrency | rows | seconds | rows/s | ratio to floor | peak RSS | Node CPU s | PG backends CPU s |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|---:|---:|`);
    for (const r of results) {
      const rate = r.rows / r.seconds;
      const rss = r.idleRssMb === undefined ? `${r.rssMb} MB (bench process)` : `${r.rssMb} MB (server; ${r.idleRssMb} MB idle)`;
      console.log(`| ${r.path} | ${r.concurrency} | ${r.rows.toLocaleString("en-US")} | ${r.seconds.toFixed(1)} | ${Math.round(rate).toLocaleString("en-US")} | ${(rate / floorRate(r.concurrency)).toFixed(2)} | ${rss} | ${r.nodeCpu.toFixed(1)} | ${r.pgCpu.toFixed(1)} |`);
    }
    console.log(`\nLoad average (1, 5, 15 min) before: ${loadBefore}; after: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} (other work on the machine skews the numbers).`);
    console.log(``);

    // Verdict, strictly: the best HTTP rate against the best floor rate (the database's own best on this machine),
    // and the highest server RSS of all levels. The table's per-level ratios are the lenient reading.
    const https = results.filter((r) => r.rssWhose === "server");
    const rate = (r: Result) => r.rows / r.seconds;
    const best = https.reduce((a, b) => (rate(b) > rate(a) ? b : a));
    const bestFloor = Math.max(...CONCURRENCY_LEVELS.map(floorRate));
    const ratio = rate(best) / bestFloor;
    const worstRss = Math.max(...https.map((r) => r.rssMb));
    const ok = ratio >= RATIO_GOAL && worstRss < RSS_GOAL_MB;
    console.log(
      `Verdict: ${ok ? "PASS" : "FAIL"}: best HTTP ${Math.round(rate(best)).toLocaleString("en-US")} rows/s (concurrency ${best.concurrency}) = ${ratio.toFixed(3)}× the best floor (${Math.round(bestFloor).toLocaleString("en-US")} rows/s) ` +
        `${ratio >= RATIO_GOAL ? "≥" : "<"} ${RATIO_GOAL}× [${(rate(best) / floorRate(best.concurrency)).toFixed(3)}× the floor at the same concurrency]; ` +
        `server peak RSS ${worstRss} MB ${worstRss < RSS_GOAL_MB ? "<" : "≥"} ${RSS_GOAL_MB} MB.`,
    );
  } finally {
    await db.$disconnect();
    await bench.end().catch(() => {});
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
