// Contracts as the billing side needs them: header, term and the approved versions with parsed terms, read
// through the actor's contract scope. Delivery ingestion, `tally preview` and billing runs share this one loader; a
// billing run's batch, working for the system, reads by id on its own connection (unsafeContractsWithTermsByIds).
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { prismaSql, type SqlQuery } from "../../db/pg-transaction";
import { minDate, toIsoDate } from "../../domain/contracts/dates";
import { lastDayInForce, termsInForceOn, type ApprovedVersion, type ContractTerm } from "../../domain/contracts/effective-terms";
import { ZContractTerms, type ContractTerms } from "../../domain/contracts/terms";
import type { RoundingMode } from "../../domain/pricing/engine";
import { contractWhere } from "./contract-scope";

export interface ContractWithTerms {
  id: string;
  number: string;
  title: string;
  advertiserId: string;
  currency: string;
  roundingMode: RoundingMode;
  status: string;
  term: ContractTerm;
  versions: ApprovedVersion<ContractTerms>[];
}

// Approved versions never change (the database refuses it), so their parsed terms can be kept per process: a
// delivery batch names hundreds of contracts, and parsing every version's terms each time was a visible cost.
const approvedTermsCache = new Map<string, ContractTerms>();
const MAX_CACHED_VERSIONS = 20_000;

function cacheTerms(versionId: string, terms: unknown): ContractTerms {
  if (approvedTermsCache.size >= MAX_CACHED_VERSIONS) approvedTermsCache.clear();
  const parsed = ZContractTerms.parse(terms);
  approvedTermsCache.set(versionId, parsed);
  return parsed;
}

export async function findContractsWithTerms(db: Db | Tx, actor: Actor, where: Prisma.ContractWhereInput): Promise<ContractWithTerms[]> {
  const visible = await db.contract.findMany({ where: contractWhere(actor, { AND: [where, { status: { not: "DRAFT" } }] }), select: { id: true } });
  return unsafeContractsWithTermsByIds(prismaSql(db), visible.map((c) => c.id));
}

/**
 * Contracts by id, not scoped to any actor (the caller decided who may see them), by number. Two statements: the
 * headers with their approved versions, then the terms of versions this process has not parsed yet.
 */
export async function unsafeContractsWithTermsByIds(query: SqlQuery, ids: readonly string[]): Promise<ContractWithTerms[]> {
  if (ids.length === 0) return [];
  const rows = await query<{
    id: string;
    number: string;
    title: string;
    advertiser_id: string;
    currency: string;
    rounding_mode: string;
    status: string;
    term_start: string;
    term_end: string;
    terminated_on: string | null;
    versions: string;
  }>(
    `SELECT c.id::text, c.number, c.title, c.advertiser_id::text, c.currency::text, c.rounding_mode, c.status::text,
            c.term_start::text, c.term_end::text, c.terminated_on::text,
            coalesce(json_agg(json_build_object('id', v.id, 'number', v.number, 'effectiveFrom', v.effective_from) ORDER BY v.number)
              FILTER (WHERE v.id IS NOT NULL), '[]')::text AS versions
     FROM contract c LEFT JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED'
     WHERE c.id = ANY($1::uuid[]) AND c.status <> 'DRAFT'
     GROUP BY c.id ORDER BY c.number`,
    [ids],
  );
  const contracts = rows.map((c) => ({ ...c, versions: JSON.parse(c.versions) as Array<{ id: string; number: number; effectiveFrom: string }> }));
  const terms = new Map(contracts.flatMap((c) => c.versions.map((v) => [v.id, approvedTermsCache.get(v.id)] as const)));
  const unparsed = [...terms].filter(([, parsed]) => !parsed).map(([id]) => id);
  if (unparsed.length > 0) {
    for (const v of await query<{ id: string; terms: string }>(`SELECT id::text, terms::text FROM contract_version WHERE id = ANY($1::uuid[])`, [unparsed])) terms.set(v.id, cacheTerms(v.id, JSON.parse(v.terms)));
  }
  return contracts.map((c) => ({
    id: c.id,
    number: c.number,
    title: c.title,
    advertiserId: c.advertiser_id,
    currency: c.currency,
    roundingMode: c.rounding_mode as RoundingMode,
    status: c.status,
    term: { start: c.term_start, end: c.term_end, terminatedOn: c.terminated_on },
    versions: c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: v.effectiveFrom, terms: terms.get(v.id)! })),
  }));
}

/** Whether a term is in force on some day of the period. */
const termCovers = (term: ContractTerm, period: { from: string; to: string }) => term.start <= period.to && lastDayInForce(term) >= period.from;

/**
 * The contracts with approved terms in force on some day of the period, by number: just their ids and numbers, for
 * a billing run over thousands of them (reading every version's terms for that took a second per 10,000).
 */
export async function findContractsInForce(db: Db | Tx, actor: Actor, where: Prisma.ContractWhereInput, period: { from: string; to: string }) {
  const rows = await db.contract.findMany({
    where: contractWhere(actor, { AND: [where, { status: { not: "DRAFT" } }, { versions: { some: { status: "APPROVED" } } }] }),
    select: { id: true, number: true, termStart: true, termEnd: true, terminatedOn: true },
    orderBy: { number: "asc" },
  });
  return rows
    .filter((c) => termCovers({ start: toIsoDate(c.termStart), end: toIsoDate(c.termEnd), terminatedOn: c.terminatedOn ? toIsoDate(c.terminatedOn) : null }, period))
    .map((c) => ({ id: c.id, number: c.number }));
}

/** The terms in force on the period's last day in force: the ones whose partner terms and commitments govern it. */
export const termsAtPeriodEnd = (contract: ContractWithTerms, period: { from: string; to: string }) =>
  termsInForceOn(contract.versions, contract.term, minDate(period.to, lastDayInForce(contract.term))) ?? contract.versions.at(-1) ?? null;
