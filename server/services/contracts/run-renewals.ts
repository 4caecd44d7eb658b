// The daily renewal pass (pg-boss schedule and `tally renewals run`): auto-renewing contracts whose notice
// window has opened get a renewal version, submitted for approval; contracts whose term has ended without a
// renewal in progress expire. Idempotent: running it twice on one day changes nothing the second time.
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { addDays, fromIsoDate, todayIso, toIsoDate } from "../../domain/contracts/dates";
import { transitionContract } from "../../domain/contracts/version-lifecycle";
import { recordAudit } from "../audit/record-audit";
import { lockContract } from "./contract-guards";
import { proposeRenewal } from "./propose-version";
import { submitVersion } from "./submit-version";

export interface RenewalRunReport {
  today: string;
  renewalsCreated: { contract: string; versionId: string }[];
  expired: string[];
  skipped: { contract: string; reason: string }[];
}

export async function runRenewals(db: Db, ctx: RequestContext, today = todayIso()): Promise<RenewalRunReport> {
  const report: RenewalRunReport = { today, renewalsCreated: [], expired: [], skipped: [] };

  // Notice window open: termEnd - noticeDays <= today, and no renewal for the next term exists yet.
  const candidates = await db.contract.findMany({
    where: { status: "ACTIVE", autoRenew: true, termEnd: { gte: fromIsoDate(today) } },
    select: { id: true, number: true, termEnd: true, noticeDays: true },
  });
  for (const c of candidates) {
    if (addDays(toIsoDate(c.termEnd), -c.noticeDays) > today) continue;
    const outcome = await db.$transaction(async (tx) => {
      const contract = await lockContract(tx, c.id);
      const existing = await tx.contractVersion.findFirst({ where: { contractId: contract.id, kind: "RENEWAL", effectiveFrom: { gt: contract.termEnd } }, select: { id: true } });
      if (existing) return null;
      const open = await tx.contractVersion.findFirst({ where: { contractId: contract.id, status: { in: ["DRAFT", "PENDING_APPROVAL", "REJECTED"] } }, select: { number: true } });
      if (open) return { kind: "skipped" as const, reason: `version ${open.number} is still in progress` };
      const version = await proposeRenewal(tx, ctx, contract);
      return { kind: "created" as const, versionId: version.id, revision: version.revision };
    });
    if (!outcome) continue;
    if (outcome.kind === "skipped") {
      report.skipped.push({ contract: c.number, reason: outcome.reason });
      continue;
    }
    await submitVersion(db, ctx, { versionId: outcome.versionId, revision: outcome.revision });
    report.renewalsCreated.push({ contract: c.number, versionId: outcome.versionId });
  }

  // Term over, nothing renewing it: expire.
  const ended = await db.contract.findMany({ where: { status: "ACTIVE", termEnd: { lt: fromIsoDate(today) } }, select: { id: true, number: true } });
  for (const c of ended) {
    const expired = await db.$transaction(async (tx) => {
      const contract = await lockContract(tx, c.id);
      const renewing = await tx.contractVersion.findFirst({ where: { contractId: contract.id, kind: "RENEWAL", status: { in: ["DRAFT", "PENDING_APPROVAL"] } }, select: { id: true } });
      const next = transitionContract(contract.status, { type: "EXPIRE" });
      if (renewing || !next.ok || toIsoDate(contract.termEnd) >= today) return false;
      await tx.contract.update({ where: { id: contract.id }, data: { status: next.next } });
      await recordAudit(tx, ctx, { action: "contract.expired", entityId: contract.id, before: { status: contract.status }, after: { status: next.next, termEnd: toIsoDate(contract.termEnd) } });
      return true;
    });
    if (expired) report.expired.push(c.number);
  }
  return report;
}
