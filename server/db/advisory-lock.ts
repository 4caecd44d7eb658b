// A named lock held to the end of the current transaction (PostgreSQL's transaction-level advisory lock on the
// 64-bit hash of the name): the one way Prisma-side services make work on the same thing take turns.
import type { Tx } from "./client";

export async function lockName(tx: Tx, name: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
}
