// The verdict on each new conversion of a batch, in time order: the CPA line in force on its day, and — for the
// dedupe window — conversions already counted with the same dedupe key on the same line (stored earlier or
// earlier in this batch).
import type { SqlQuery } from "../../db/pg-transaction";
import { termsInForceOn } from "../../domain/contracts/effective-terms";
import type { CheckedConversion, ConversionContract } from "../../domain/conversions/conversion-batch";
import { judgeConversion, type ConversionVerdict } from "../../domain/conversions/verdict";

export type { ConversionVerdict };

async function storedDedupeTimes(query: SqlQuery, rows: readonly CheckedConversion[]) {
  const keyed = rows.filter((r) => r.dedupeKey !== null);
  if (keyed.length === 0) return new Map<string, string[]>();
  const keys = JSON.stringify(keyed.map((r) => ({ c: r.contractId, l: r.line, k: r.dedupeKey })));
  const found = await query<{ contract_id: string; line_key: string; dedupe_key: string; occurred_at: Date }>(
    `SELECT DISTINCT c.contract_id, c.line_key, c.dedupe_key, c.occurred_at FROM conversion c
     JOIN json_to_recordset($1::json) AS k(c uuid, l text, k text) ON c.contract_id = k.c AND c.line_key = k.l AND c.dedupe_key = k.k
     WHERE c.eligibility = 'ELIGIBLE'`,
    [keys],
  );
  const byKey = new Map<string, string[]>();
  for (const f of found) {
    const key = `${f.contract_id}\u0000${f.line_key}\u0000${f.dedupe_key}`;
    byKey.set(key, [...(byKey.get(key) ?? []), f.occurred_at.toISOString()]);
  }
  return byKey;
}

export async function judgeNewConversions(query: SqlQuery, rows: readonly CheckedConversion[], contracts: ReadonlyMap<string, ConversionContract>) {
  const counted = await storedDedupeTimes(query, rows);
  const inOrder = [...rows].sort((a, b) => (a.occurredAt === b.occurredAt ? a.externalId.localeCompare(b.externalId) : a.occurredAt < b.occurredAt ? -1 : 1));
  return inOrder.map((row) => {
    const contract = contracts.get(row.contract)!;
    // The batch check already made sure the line is in the terms in force that day.
    const line = termsInForceOn(contract.versions, contract.term, row.day)!.terms.cpaLines.find((l) => l.key === row.line)!;
    const key = `${row.contractId}\u0000${row.line}\u0000${row.dedupeKey}`;
    const verdict: ConversionVerdict = judgeConversion(row, line, row.dedupeKey === null ? [] : (counted.get(key) ?? []));
    if (verdict.eligibility === "ELIGIBLE" && row.dedupeKey !== null) counted.set(key, [...(counted.get(key) ?? []), row.occurredAt]);
    return { ...row, verdict };
  });
}
