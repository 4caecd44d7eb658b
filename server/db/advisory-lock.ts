// Named locks held to the end of the current transaction (PostgreSQL's transaction-level advisory lock on the 64-bit
// hash of the name): the one way services make work on the same thing take turns.
import type { Tx } from "./client";
import { prismaSql, type SqlQuery } from "./pg-transaction";

/** One lock, in a Prisma transaction. */
export async function lockName(tx: Tx, name: string) {
  await lockNames(prismaSql(tx), [name]);
}

/**
 * Many locks in one statement, always taken in the same (sorted) order, so two transactions locking overlapping sets
 * wait for each other instead of deadlocking. unnest hands the names over in array order.
 */
export async function lockNames(query: SqlQuery, names: readonly string[]) {
  const sorted = [...new Set(names)].sort();
  if (sorted.length === 0) return;
  await query(`SELECT count(pg_advisory_xact_lock(hashtextextended(name, 0))) FROM unnest($1::text[]) AS name`, [sorted]);
}
