// Contracts as the billing side needs them: header, term and the approved versions with parsed terms, read
// through the actor's contract scope. Delivery ingestion, `tally preview` and billing runs share this one query.
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
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

function approvedTermsOf(version: { id: string; terms: unknown }): ContractTerms {
  let terms = approvedTermsCache.get(version.id);
  if (!terms) {
    if (approvedTermsCache.size >= MAX_CACHED_VERSIONS) approvedTermsCache.clear();
    terms = ZContractTerms.parse(version.terms);
    approvedTermsCache.set(version.id, terms);
  }
  return terms;
}

export async function findContractsWithTerms(db: Db | Tx, actor: Actor, where: Prisma.ContractWhereInput): Promise<ContractWithTerms[]> {
  const rows = await db.contract.findMany({
    where: contractWhere(actor, { AND: [where, { status: { not: "DRAFT" } }] }),
    include: { versions: { where: { status: "APPROVED" }, orderBy: { number: "asc" } } },
    orderBy: { number: "asc" },
  });
  return rows.map((c) => ({
    id: c.id,
    number: c.number,
    title: c.title,
    advertiserId: c.advertiserId,
    currency: c.currency,
    roundingMode: c.roundingMode as RoundingMode,
    status: c.status,
    term: { start: toIsoDate(c.termStart), end: toIsoDate(c.termEnd), terminatedOn: c.terminatedOn ? toIsoDate(c.terminatedOn) : null },
    versions: c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), terms: approvedTermsOf(v) })),
  }));
}

const termCovers = (term: ContractTerm, period: { from: string; to: string }) => term.start <= period.to && lastDayInForce(term) >= period.from;

/** Whether a contract with approved terms is in force on some day of the period (billing runs, payout drafting). */
export const inForceDuring = (contract: ContractWithTerms, period: { from: string; to: string }) => contract.versions.length > 0 && termCovers(contract.term, period);

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
