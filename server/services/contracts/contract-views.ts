// Database rows → what the API returns: ISO dates, parsed terms, decimal strings. Terms are parsed through the
// shared schema on every read, so a row that somehow holds invalid terms fails loudly instead of billing wrongly.
import type { Contract, ContractVersion } from "../../db/generated/client";
import { toIsoDate } from "../../domain/contracts/dates";
import { ZContractTerms } from "../../domain/contracts/terms";

export function contractView(c: Contract) {
  return {
    id: c.id,
    number: c.number,
    advertiserId: c.advertiserId,
    title: c.title,
    currency: c.currency,
    termStart: toIsoDate(c.termStart),
    termEnd: toIsoDate(c.termEnd),
    paymentTermsDays: c.paymentTermsDays,
    autoRenew: c.autoRenew,
    renewalMonths: c.renewalMonths,
    noticeDays: c.noticeDays,
    roundingMode: c.roundingMode as "HALF_UP" | "HALF_EVEN",
    status: c.status,
    terminatedOn: c.terminatedOn ? toIsoDate(c.terminatedOn) : null,
    terminationReason: c.terminationReason,
    createdAt: c.createdAt,
  };
}

export function versionView(v: ContractVersion) {
  return {
    id: v.id,
    contractId: v.contractId,
    number: v.number,
    kind: v.kind,
    status: v.status,
    effectiveFrom: toIsoDate(v.effectiveFrom),
    renewsTermTo: v.renewsTermTo ? toIsoDate(v.renewsTermTo) : null,
    terms: ZContractTerms.parse(v.terms),
    revision: v.revision,
    reason: v.reason,
    authorId: v.authorId,
    committedValue: v.committedValue?.toString() ?? null,
    requiredApprovals: v.requiredApprovals,
    submissionRound: v.submissionRound,
    submittedAt: v.submittedAt,
    decidedAt: v.decidedAt,
    backdateReason: v.backdateReason,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export type ContractView = ReturnType<typeof contractView>;
export type VersionView = ReturnType<typeof versionView>;

/** What an advertiser may see of a version: not who wrote it, nor finance's internal reasoning. */
export function redactForAdvertiser(v: VersionView): VersionView {
  return { ...v, authorId: null, backdateReason: null };
}
