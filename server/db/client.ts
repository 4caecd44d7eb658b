// One Prisma client per process, kept on globalThis so Next's module reloading does not open new pools.
// Tally always talks to Postgres over the wire: in embedded mode the launcher serves PGlite on a local port
// and sets DATABASE_URL before anything imports this module.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
/** The client handed to `$transaction(async (tx) => …)` callbacks. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const connectionStrings = new WeakMap<Db, string>();

export function createDb(connectionString: string, poolSize = 10): Db {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: poolSize }) });
  connectionStrings.set(db, connectionString);
  return db;
}

/** The database a client talks to, for the few paths that also need a plain pg connection (db/pg-transaction.ts). */
export function connectionStringOf(db: Db): string {
  const url = connectionStrings.get(db);
  if (!url) throw new Error("This Prisma client was not made by createDb: its connection string is unknown");
  return url;
}

const globalForDb = globalThis as unknown as { tallyDb?: Db };

export function getDb(): Db {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: start Tally with `npm start` (embedded) or set it to a PostgreSQL URL");
  globalForDb.tallyDb ??= createDb(url);
  return globalForDb.tallyDb;
}
