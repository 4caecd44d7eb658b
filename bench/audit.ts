// `npm run bench:audit`: how fast the hash-chained audit log takes writes (every state change in Tally writes
// one, serialised by the chain lock) and how fast `tally audit verify` walks it. Runs on PostgreSQL
// (BENCH_DATABASE_URL, default the local server) in a scratch database it creates and drops.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { systemActor } from "../server/auth/actor";
import { createDb } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import { recordAudit } from "../server/services/audit/record-audit";
import { verifyAuditChain } from "../server/services/audit/verify-audit-chain";
import { runConcurrent } from "./run-concurrent";

const serverUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const WRITES = Number(process.env.BENCH_WRITES ?? 5_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);


async function main() {
  const name = `tally_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), CONCURRENCY);
  try {
    await migrate(url.toString());
    const ctx = { actor: systemActor("bench"), source: "JOB" as const, requestId: "bench" };
    const entry = (i: number) => ({ action: "advertiser.updated" as const, entityId: `adv-${i % 500}`, before: { name: `Old ${i}` }, after: { name: `New ${i}`, currency: "USD" } });

    // Baseline: the same transactions writing a plain, unchained row (no lock, no hash) into a scratch table.
    await db.$executeRawUnsafe(`CREATE TABLE bench_plain_log (id bigserial PRIMARY KEY, entity_id text, before jsonb, after jsonb, at timestamptz)`);
    const baselineSeconds = await runConcurrent(WRITES, CONCURRENCY, (i) =>
      db.$transaction(async (tx) => {
        const e = entry(i);
        await tx.$executeRaw`INSERT INTO bench_plain_log (entity_id, before, after, at) VALUES (${e.entityId}, ${JSON.stringify(e.before)}::jsonb, ${JSON.stringify(e.after)}::jsonb, now())`;
      }),
    );
    const writeSeconds = await runConcurrent(WRITES, CONCURRENCY, (i) => db.$transaction((tx) => recordAudit(tx, ctx, entry(i))));
    const verifyStarted = performance.now();
    const report = await verifyAuditChain(db);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    if (!report.ok || report.checked !== WRITES) throw new Error(`chain did not verify: ${JSON.stringify(report)}`);
    console.log(`baseline:      ${WRITES} unchained inserts in ${baselineSeconds.toFixed(2)} s = ${Math.round(WRITES / baselineSeconds)} rows/s`);
    console.log(`audit writes:  ${WRITES} in ${writeSeconds.toFixed(2)} s = ${Math.round(WRITES / writeSeconds)} entries/s (concurrency ${CONCURRENCY}, one transaction each)`);
    console.log(`audit verify:  ${report.checked} in ${verifySeconds.toFixed(2)} s = ${Math.round(report.checked / verifySeconds)} entries/s`);
    console.log(`peak RSS:      ${Math.round(peakRss / 1024 / 1024)} MB`);
  } finally {
    await db.$disconnect();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
    clearInterval(sampler);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
