// Pending conversions approve themselves once their line's lock period has passed without a rejection (the hourly
// job and `tally conversions auto-approve`). Each approval goes through the same review rule as a person's; each
// page of approvals is one statement and one audit entry (the system's, listing the conversions), because an entry
// per conversion bound the job to the audit chain's ~200 appends/s (`npm run bench:conversions`). A rerun approves
// nothing twice.
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { termsInForceOn } from "../../domain/contracts/effective-terms";
import { reviewOutcome } from "../../domain/conversions/review";
import { recordAudit } from "../audit/record-audit";
import { findContractsWithTerms, type ContractWithTerms } from "../contracts/contract-terms-in-force";

const PAGE = 2_000;
const DAY = 86_400_000;

export async function autoApproveConversions(db: Db, ctx: RequestContext, now = new Date()) {
  const contracts = new Map<string, ContractWithTerms | undefined>();
  const contractOf = async (id: string) => {
    if (!contracts.has(id)) contracts.set(id, (await findContractsWithTerms(db, ctx.actor, { id }))[0]);
    return contracts.get(id);
  };
  let approved = 0;
  let cursor: { occurredAt: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; contractId: string; lineKey: string; occurredAt: Date }[] = await db.conversion.findMany({
      where: {
        eligibility: "ELIGIBLE",
        review: "PENDING",
        billedAt: null,
        occurredAt: { lte: now },
        ...(cursor ? { OR: [{ occurredAt: { gt: cursor.occurredAt } }, { occurredAt: cursor.occurredAt, id: { gt: cursor.id } }] } : {}),
      },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
      take: PAGE,
      select: { id: true, contractId: true, lineKey: true, occurredAt: true },
    });
    if (page.length === 0) break;
    cursor = page[page.length - 1];
    const due: string[] = [];
    for (const c of page) {
      const contract = await contractOf(c.contractId);
      const day = c.occurredAt.toISOString().slice(0, 10);
      const line = contract && termsInForceOn(contract.versions, contract.term, day)?.terms.cpaLines.find((l) => l.key === c.lineKey);
      if (line && c.occurredAt.getTime() + line.lockPeriodDays * DAY <= now.getTime()) due.push(c.id);
    }
    if (due.length === 0) continue;
    approved += await db.$transaction(
      async (tx) => {
        // Re-read under lock: a person may have decided meanwhile, or billing may have locked it.
        await tx.$queryRaw`SELECT id FROM conversion WHERE id = ANY(${due}::uuid[]) ORDER BY id FOR UPDATE`;
        const rows = await tx.conversion.findMany({ where: { id: { in: due }, review: "PENDING" } });
        const approvable = rows.filter((row) => reviewOutcome(row, { decision: "APPROVE" }).ok).map((row) => row.id);
        if (approvable.length === 0) return 0;
        const count = (await tx.conversion.updateMany({ where: { id: { in: approvable } }, data: { review: "APPROVED", reviewedAt: now } })).count;
        await recordAudit(tx, ctx, {
          action: "conversions.autoApproved",
          entityId: approvable[0],
          after: { review: "APPROVED", count, conversionIds: approvable },
          reason: "Lock period passed without a rejection",
        });
        return count;
      },
      { timeout: 120_000 },
    );
  }
  return { approved };
}
