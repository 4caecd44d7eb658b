// Shared by the benchmarks that run Tally's own services against PostgreSQL: a scratch database they create,
// migrate and drop; staff and ACTIVE contracts made through the same tRPC procedures the pages call; and the probes
// (RSS, CPU of a process and of the database backends) their tables report.
//
// Importing this module registers the next-auth import shim below, so import it before any module that reaches the
// tRPC router; the helpers that need the router import it themselves, when called.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire, register } from "node:module";
import path from "node:path";
import pg from "pg";
import type { Db } from "../server/db/client";
import { migrate } from "../server/db/migrate";
import type { ContractTermsInput } from "../server/domain/contracts/terms";
import type { ContractHeader } from "../server/services/contracts/create-contract";

// Outside Next's bundler, Node's ESM loader hands `import X from "next-auth/providers/credentials"` (a CommonJS
// module compiled with __esModule) the whole exports object, not its default: map that one import to its default
// (bench/ingest-server.ts does the same).
const credentials = createRequire(import.meta.url).resolve("next-auth/providers/credentials");
const shim = `import { createRequire } from "node:module"; const m = createRequire(${JSON.stringify(credentials)})(${JSON.stringify(credentials)}); export default m.default ?? m;`;
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, next) { return s === "next-auth/providers/credentials" ? { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(shim)}`)}, shortCircuit: true } : next(s, c); }`)}`,
);

export const MB = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** A count for a report: rounded, with thousands separators. */
export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** Where a PostgreSQL on this machine listens locally (Debian's default socket directory). */
const LOCAL_SOCKET_DIR = "/var/run/postgresql";

/**
 * BENCH_DATABASE_URL or TEST_DATABASE_URL, default the local server: where scratch databases are created. The local
 * server is reached over its Unix socket when it has one, as psql does and as a deployment with PostgreSQL on the same
 * machine should (README, Configuration): over TCP loopback every query's bytes go through the network stack on both
 * sides, which cost a billing run on two shared cores about a fifth of its time (measured: 21.4 s → 16.3 s).
 */
export const benchServerUrl =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  (fs.existsSync(path.join(LOCAL_SOCKET_DIR, ".s.PGSQL.5432")) ? `postgresql://postgres@localhost/postgres?host=${LOCAL_SOCKET_DIR}` : "postgresql://postgres@127.0.0.1:5432/postgres");

// ---------------------------------------------------------------------------------------------------------------
// The scratch database: created and migrated; `drop` removes it even with connections still open.

export interface ScratchDatabase {
  databaseUrl: string;
  /** host:port or the socket, for the report. */
  host: string;
  drop: () => Promise<void>;
  /** Leave it for a look (BENCH_KEEP_DATABASE): only the admin connection is closed. */
  keep: () => Promise<void>;
}

export async function createScratchDatabase(serverUrl = benchServerUrl): Promise<ScratchDatabase> {
  const name = `tally_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  try {
    await migrate(url.toString());
  } catch (err) {
    await drop();
    throw err;
  }
  const socket = url.searchParams.get("host");
  return { databaseUrl: url.toString(), host: socket ? `the Unix socket in ${socket}` : url.host, drop, keep: () => admin.end() };
}

/** The PostgreSQL version and the settings that move ingestion numbers, as one report line. */
export async function databaseFacts(client: pg.Client, host: string): Promise<string> {
  const { rows } = await client.query<{ version: string; shared_buffers: string; synchronous_commit: string; max_wal_size: string }>(
    `SELECT split_part(version(), ' (', 1) AS version, current_setting('shared_buffers') AS shared_buffers, current_setting('synchronous_commit') AS synchronous_commit, current_setting('max_wal_size') AS max_wal_size`,
  );
  const f = rows[0];
  return `${f.version} at ${host}, shared_buffers ${f.shared_buffers}, synchronous_commit ${f.synchronous_commit}, max_wal_size ${f.max_wal_size}`;
}

/** A table's indexes, foreign keys and triggers, as one report line (what a floor table leaves out). */
export async function tableShape(client: pg.Client, table: string): Promise<string> {
  const { rows } = await client.query<{ indexes: string; fks: number; triggers: number }>(
    `SELECT (SELECT string_agg(regexp_replace(indexdef, '^.* USING btree ', ''), ', ' ORDER BY indexname) FROM pg_indexes WHERE tablename = $1) AS indexes,
            (SELECT count(*)::int FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f') AS fks,
            (SELECT count(*)::int FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal) AS triggers`,
    [table],
  );
  return `indexes ${rows[0].indexes}; ${rows[0].fks} foreign keys; ${rows[0].triggers} triggers`;
}

// ---------------------------------------------------------------------------------------------------------------
// The world: staff, and contracts taken to ACTIVE by the procedures the pages call (create and submit as OPS,
// approve as as many finance users as the version needs).

export async function insertStaff(db: Db) {
  const { insertUser, userActor } = await import("../server/testing/fixtures");
  const person = async (email: string, role: "ADMIN" | "OPS" | "FINANCE") => userActor(await insertUser(db, { email, role }));
  return {
    admin: await person("admin@bench.test", "ADMIN"),
    ops: await person("ops@bench.test", "OPS"),
    finance: [await person("finance@bench.test", "FINANCE"), await person("finance2@bench.test", "FINANCE")],
  };
}
export type BenchStaff = Awaited<ReturnType<typeof insertStaff>>;

export interface BenchContract {
  id: string;
  number: string;
  advertiserId: string;
}

export interface ContractSpec {
  advertiserId: string;
  header: ContractHeader;
  terms: ContractTermsInput;
}

/** `count` ACTIVE contracts, contract i as `spec(i)` says, four set up at a time; answered in number order. */
export async function createActiveContracts(db: Db, staff: BenchStaff, count: number, spec: (i: number) => ContractSpec): Promise<BenchContract[]> {
  const { callerAs } = await import("../server/testing/fixtures");
  const contracts: BenchContract[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < count) {
        const i = next++;
        const { contract, version } = await callerAs(db, staff.ops).contracts.create(spec(i));
        const submitted = await callerAs(db, staff.ops).contracts.submitVersion({ versionId: version.id, revision: version.revision });
        for (const approver of staff.finance.slice(0, submitted.requiredApprovals)) await callerAs(db, approver).contracts.decideVersion({ versionId: version.id, decision: "APPROVE" });
        contracts[i] = { id: contract.id, number: contract.number, advertiserId: contract.advertiserId };
      }
    }),
  );
  const active = await db.contract.count({ where: { id: { in: contracts.map((c) => c.id) }, status: "ACTIVE" } });
  if (active !== count) throw new Error(`expected ${count} ACTIVE contracts, found ${active}`);
  return contracts.sort((a, b) => a.number.localeCompare(b.number));
}

// ---------------------------------------------------------------------------------------------------------------
// Probes. Memory: a peak of `read()` sampled every `everyMs`. CPU: a process's user + system time from /proc (clock
// ticks of 1/100 s on Linux), and the database backends serving a run (polled from pg_stat_activity, so connections a
// pool closes mid-run still count).

export function procStatusKb(pid: number, field: "VmHWM" | "VmRSS"): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : 0;
}

export class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout;
  constructor(private read: () => number, everyMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }
  private sample() {
    try {
      this.peak = Math.max(this.peak, this.read());
    } catch {
      /* the process is gone */
    }
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

export function procCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU the database backends spent since it started: connections already open count from then on. */
export class BackendCpu {
  private seen = new Map<number, number>();
  private baseline = new Map<number, number>();
  private ready: Promise<void>;
  private timer: NodeJS.Timeout;
  constructor(private admin: pg.Client) {
    this.ready = this.poll(this.baseline).catch(() => {});
    this.timer = setInterval(() => void this.ready.then(() => this.poll(this.seen)).catch(() => {}), 500);
  }
  private async poll(into: Map<number, number>) {
    const { rows } = await this.admin.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`);
    for (const { pid } of rows) {
      try {
        into.set(pid, procCpuSeconds(pid));
      } catch {
        /* gone */
      }
    }
  }
  async stop(): Promise<number> {
    clearInterval(this.timer);
    await this.ready;
    await this.poll(this.seen);
    return [...this.seen].reduce((sum, [pid, cpu]) => sum + cpu - (this.baseline.get(pid) ?? 0), 0);
  }
}
