// A private, migrated database for one test file. With TEST_DATABASE_URL (a PostgreSQL server URL) each file
// gets a fresh database created on that server and dropped afterwards; without it, a fresh embedded database
// in a temporary directory. Either way the tests exercise the real schema, triggers and constraints.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, vi } from "vitest";
import { createDb, type Db } from "../db/client";
import { openEmbeddedDatabase } from "../db/embedded";
import { migrate } from "../db/migrate";
import { closePgPool } from "../db/pg-transaction";

export interface TestDatabase {
  db: Db;
  url: string;
  /** A superuser connection for things the application must not be able to do (tampering tests). */
  admin(): Promise<pg.Client>;
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function createPostgresDatabase(serverUrl: string) {
  const name = `tally_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function createEmbeddedDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tally-test-"));
  const embedded = await openEmbeddedDatabase(dir);
  return {
    url: embedded.url,
    async drop() {
      await embedded.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Call at the top of a test file; the returned object is filled in before the first test runs. */
export function useTestDatabase(): TestDatabase {
  const handle = {} as TestDatabase;
  let drop: () => Promise<void> = async () => {};
  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL;
    const created = serverUrl ? await createPostgresDatabase(serverUrl) : await createEmbeddedDatabase();
    drop = created.drop;
    await migrate(created.url);
    handle.url = created.url;
    handle.db = createDb(created.url, 5);
    handle.admin = async () => {
      const client = new pg.Client({ connectionString: created.url });
      await client.connect();
      return client;
    };
  });
  afterAll(async () => {
    await handle.db?.$disconnect();
    if (handle.url) await closePgPool(handle.url);
    await drop();
  });
  return handle;
}

/**
 * Makes `t` the process's database for code that finds its own (createContext, NextAuth callbacks): sets
 * DATABASE_URL and the client getDb() caches on globalThis. Call after useTestDatabase().
 */
export function useAsProcessDatabase(t: TestDatabase) {
  const globalForDb = globalThis as unknown as { tallyDb?: Db };
  beforeAll(() => {
    vi.stubEnv("DATABASE_URL", t.url);
    globalForDb.tallyDb = t.db;
  });
  afterAll(() => {
    globalForDb.tallyDb = undefined;
    vi.unstubAllEnvs();
  });
}
