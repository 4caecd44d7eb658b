// The verdict on each new conversion of a batch, in time order: the CPA line in force on its day; for the dedupe
// window, conversions already counted with the same dedupe key on the same line (stored earlier or earlier in this
// batch); for the line's caps, what its day and month already counted. Concurrent batches for the same contract
// take turns (a transaction lock per contract), so two of them can never both fill the last place under a cap.
import type { SqlQuery } from "../../db/pg-transaction";
import { periodBounds, periodOf } from "../../domain/billing/billing-period";
import { conversionPayout } from "../../domain/billing/cpa-period";
import { termsInForceOn } from "../../domain/contracts/effective-terms";
import type { CpaLine } from "../../domain/contracts/terms";
import { capVerdict, counted, hasCaps, NO_USAGE, type CapUsage } from "../../domain/conversions/caps";
import type { CheckedConversion, ConversionContract } from "../../domain/conversions/conversion-batch";
import { judgeConversion, type ConversionVerdict } from "../../domain/conversions/verdict";
import { Dec } from "../../domain/money";

export type { ConversionVerdict };

export type JudgedConversion = CheckedConversion & { verdict: ConversionVerdict; payout: string | null };

const SEP = "\u0000";

async function lockContracts(query: SqlQuery, rows: readonly CheckedConversion[]) {
  const ids = [...new Set(rows.map((r) => r.contractId))].sort();
  if (ids.length > 0) await query(`SELECT pg_advisory_xact_lock(hashtextextended('conversions:' || id, 0)) FROM unnest($1::text[]) AS id ORDER BY id`, [ids]);
}

/** Times of stored conversions counted with the same dedupe key on the same line, inside each row's dedupe window. */
async function storedDedupeTimes(query: SqlQuery, rows: readonly CheckedConversion[], lineOf: (row: CheckedConversion) => CpaLine) {
  const keyed = rows.filter((r) => r.dedupeKey !== null);
  if (keyed.length === 0) return new Map<string, string[]>();
  const windows = keyed.map((r) => {
    const hours = lineOf(r).attribution.dedupeWindowHours;
    return { c: r.contractId, l: r.line, k: r.dedupeKey, f: new Date(Date.parse(r.occurredAt) - hours * 3_600_000).toISOString(), t: r.occurredAt };
  });
  // One index probe per row (conversion_dedupe_idx): without the window, every probe read all of the key's history.
  const found = await query<{ contract_id: string; line_key: string; dedupe_key: string; occurred_at: Date }>(
    `SELECT DISTINCT c.contract_id, c.line_key, c.dedupe_key, c.occurred_at FROM conversion c
     JOIN json_to_recordset($1::json) AS k(c uuid, l text, k text, f timestamptz, t timestamptz)
       ON c.contract_id = k.c AND c.line_key = k.l AND c.dedupe_key = k.k AND c.occurred_at BETWEEN k.f AND k.t
     WHERE c.eligibility IN ('ELIGIBLE', 'OVER_CAP')`,
    [JSON.stringify(windows)],
  );
  const byKey = new Map<string, string[]>();
  for (const f of found) {
    const key = [f.contract_id, f.line_key, f.dedupe_key].join(SEP);
    const times = byKey.get(key) ?? byKey.set(key, []).get(key)!;
    times.push(f.occurred_at.toISOString());
  }
  return byKey;
}

/** What each (contract, line, UTC day) of the months concerned has counted against caps: eligible, not rejected. */
async function storedCapUsage(query: SqlQuery, rows: readonly CheckedConversion[]) {
  const months = [...new Set(rows.map((r) => [r.contractId, r.line, periodOf(r.day)].join(SEP)))].map((k) => {
    const [c, l, month] = k.split(SEP);
    const { from, to } = periodBounds(month);
    return { c, l, f: from, t: to };
  });
  const usage = new Map<string, CapUsage>();
  if (months.length === 0) return usage;
  const found = await query<{ contract_id: string; line_key: string; day: string; count: string; spend: string }>(
    `SELECT c.contract_id, c.line_key, to_char(c.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::text AS count, COALESCE(sum(c.payout), 0)::text AS spend
     FROM conversion c JOIN json_to_recordset($1::json) AS k(c uuid, l text, f date, t date)
       ON c.contract_id = k.c AND c.line_key = k.l AND c.occurred_at >= k.f::timestamp AT TIME ZONE 'UTC' AND c.occurred_at < (k.t + 1)::timestamp AT TIME ZONE 'UTC'
     WHERE c.eligibility = 'ELIGIBLE' AND c.review <> 'REJECTED'
     GROUP BY 1, 2, 3`,
    [JSON.stringify(months)],
  );
  const add = (key: string, count: number, spend: string) => {
    const used = usage.get(key) ?? NO_USAGE;
    usage.set(key, { count: used.count + count, spend: new Dec(used.spend).plus(spend).toFixed() });
  };
  for (const f of found) {
    add([f.contract_id, f.line_key, f.day].join(SEP), Number(f.count), f.spend);
    add([f.contract_id, f.line_key, f.day.slice(0, 7)].join(SEP), Number(f.count), f.spend);
  }
  return usage;
}

export async function judgeNewConversions(query: SqlQuery, rows: readonly CheckedConversion[], contracts: ReadonlyMap<string, ConversionContract>): Promise<JudgedConversion[]> {
  await lockContracts(query, rows);
  // The CPA line in force on each row's day, looked up once per row (the batch check made sure there is one).
  const lines = new Map(rows.map((row) => [row, lineInForce(row, contracts)]));
  const lineOf = (row: CheckedConversion) => lines.get(row)!;
  const dedupe = await storedDedupeTimes(query, rows, lineOf);
  const capped = rows.filter((row) => hasCaps(lineOf(row)));
  const usage = await storedCapUsage(query, capped);
  const inOrder = [...rows].sort((a, b) => (a.occurredAt === b.occurredAt ? a.externalId.localeCompare(b.externalId) : a.occurredAt < b.occurredAt ? -1 : 1));
  return inOrder.map((row) => {
    const line = lineOf(row);
    const dedupeKey = [row.contractId, row.line, row.dedupeKey].join(SEP);
    const judged = judgeConversion(row, line, row.dedupeKey === null ? [] : (dedupe.get(dedupeKey) ?? []));
    if (judged.eligibility !== "ELIGIBLE") return { ...row, verdict: judged, payout: null };
    if (row.dedupeKey !== null) (dedupe.get(dedupeKey) ?? dedupe.set(dedupeKey, []).get(dedupeKey)!).push(row.occurredAt);
    const payout = conversionPayout(line, row.type, row.value)!;
    if (!hasCaps(line)) return { ...row, verdict: judged, payout };
    const [dayKey, monthKey] = [row.day, periodOf(row.day)].map((d) => [row.contractId, row.line, d].join(SEP));
    const cap = capVerdict(line.caps, { day: usage.get(dayKey) ?? NO_USAGE, period: usage.get(monthKey) ?? NO_USAGE }, payout, contracts.get(row.contract)!.currency);
    if (!cap.fits) return { ...row, verdict: { ...judged, eligibility: "OVER_CAP", reasonCode: cap.reasonCode, reason: cap.reason }, payout };
    usage.set(dayKey, counted(usage.get(dayKey) ?? NO_USAGE, payout));
    usage.set(monthKey, counted(usage.get(monthKey) ?? NO_USAGE, payout));
    return { ...row, verdict: judged, payout };
  });
}

function lineInForce(row: CheckedConversion, contracts: ReadonlyMap<string, ConversionContract>): CpaLine {
  const contract = contracts.get(row.contract)!;
  return termsInForceOn(contract.versions, contract.term, row.day)!.terms.cpaLines.find((l) => l.key === row.line)!;
}
