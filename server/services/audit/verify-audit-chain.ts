// Walks the whole audit log in id order, in batches, and reports the first broken link.
import type { Db } from "../../db/client";
import { findChainBreak, GENESIS_HASH, type ChainBreak } from "../../domain/audit-chain";

export interface AuditChainReport {
  ok: boolean;
  checked: number;
  brokenAt: ChainBreak | null;
  lastHash: string;
}

export async function verifyAuditChain(db: Db, batchSize = 2_000): Promise<AuditChainReport> {
  let cursor: bigint | undefined;
  let lastHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const rows = await db.auditLog.findMany({
      where: cursor === undefined ? undefined : { id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, lastHash };
    const result = findChainBreak(rows, lastHash);
    if (result.brokenAt) {
      const brokenIndex = rows.findIndex((r) => String(r.id) === result.brokenAt!.id);
      return { ok: false, checked: checked + brokenIndex, brokenAt: result.brokenAt, lastHash: result.lastHash };
    }
    checked += rows.length;
    lastHash = result.lastHash;
    cursor = rows[rows.length - 1].id;
  }
}
