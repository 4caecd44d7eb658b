// A plain pg transaction beside Prisma, for the paths where Prisma's parameter handling is the bottleneck: delivery
// ingestion sends 10,000 rows (about 1 MB) per statement, which costs ~50 ms through Prisma's query compiler and
// ~3 ms through pg; billing runs draft a batch of contracts in a dozen set-based statements. Same database, own small
// pool per connection string.
import pg from "pg";
import { connectionStringOf, type Db, type Tx } from "./client";

/** Run one SQL statement with positional parameters; answers its rows. */
export type SqlQuery = <R = Record<string, unknown>>(text: string, values: readonly unknown[]) => Promise<R[]>;

/**
 * The same statements through Prisma (a client or its interactive transaction), for code shared by both paths. Select
 * text, int4, bool or jsonb::text only: the two drivers answer other types (numeric, bigint, date) differently.
 */
export const prismaSql = (db: Db | Tx): SqlQuery => (text, values) => db.$queryRawUnsafe(text, ...values);

const pools = new Map<string, pg.Pool>();

function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 4, allowExitOnIdle: true });
    // An idle connection the server ends (restart, a dropped test database) is discarded by the pool; without a
    // listener its error event would crash the process.
    pool.on("error", () => {});
    pools.set(url, pool);
  }
  return pool;
}

/** BEGIN … COMMIT on a connection of `db`'s database, rolled back if `work` throws. */
export async function withPgTransaction<T>(db: Db, work: (query: SqlQuery) => Promise<T>): Promise<T> {
  const client = await poolFor(connectionStringOf(db)).connect();
  const query: SqlQuery = async <R,>(text: string, values: readonly unknown[]) => (await client.query(text, values as unknown[])).rows as R[];
  try {
    await client.query("BEGIN");
    const result = await work(query);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Close the pool of one database (tests, before dropping it). */
export async function closePgPool(url: string) {
  await pools.get(url)?.end();
  pools.delete(url);
}
