// Contracts as the billing side needs them: header, term and the approved versions with parsed terms, read
// through the actor's contract scope. Delivery ingestion, `tally preview` and billing runs share this one query.
import type { Actor } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { toIsoDate } from "../../domain/contracts/dates";
import type { ApprovedVersion, ContractTerm } from "../../domain/contracts/effective-terms";
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
    versions: c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), terms: ZContractTerms.parse(v.terms) })),
  }));
}
