// One contract's whole life, step by step through the procedures the pages call, with the audit entry each step
// writes: created, edited, submitted, approvals, activated, amended, rejected, revised, renewed, terminated; and a
// second contract that expires. The audit chain still verifies at the end.
import { describe, expect, it } from "vitest";
import { addDays } from "../../domain/contracts/dates";
import { fromToday, platformFee, renewalJob, useContractWorld, withSportsRate } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { runRenewals } from "./run-renewals";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

/** The audit trail of a contract and all its versions, in the order it was written: [action, who]. */
async function trail(contractId: string) {
  const versionIds = (await t.db.contractVersion.findMany({ where: { contractId }, select: { id: true } })).map((v) => v.id);
  const rows = await t.db.auditLog.findMany({ where: { entityId: { in: [contractId, ...versionIds] } }, orderBy: { id: "asc" } });
  return rows.map((r) => [r.action, r.actorLabel]);
}

async function bothApprove(versionId: string) {
  await as(cast.finance).contracts.decideVersion({ versionId, decision: "APPROVE" });
  const approved = await as(cast.finance2).contracts.decideVersion({ versionId, decision: "APPROVE", comment: "Second pair of eyes" });
  expect(approved.status).toBe("APPROVED");
  return approved;
}

describe("a contract's life, in its audit trail", () => {
  it("records every step, in order, by whoever took it", async () => {
    const ops = as(cast.ops);
    const termEnd = fromToday(300);

    // A 12,000 platform fee makes every version here worth over 100,000: each needs two approvers.
    const { contract, version: v1 } = await ops.contracts.create({
      advertiserId: cast.acme.id,
      header: { title: "Acme Always On", currency: "USD", termStart: fromToday(-30), termEnd, paymentTermsDays: 30, autoRenew: true, renewalMonths: 12, noticeDays: 60, roundingMode: "HALF_UP" },
      terms: { cpmLines: [{ key: "sports", name: "Sports", inventoryType: "CTV", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.50" } } }] },
    });
    const edited = await ops.contracts.editVersion({ versionId: v1.id, revision: v1.revision, terms: { ...v1.terms, recurringFees: [platformFee("12000")] } });
    expect(await ops.contracts.submitVersion({ versionId: v1.id, revision: edited.revision })).toMatchObject({ requiredApprovals: 2 });

    // Finance approves twice; the contract becomes active.
    await bothApprove(v1.id);
    expect((await ops.contracts.byId({ id: contract.id })).status).toBe("ACTIVE");

    // Ops amends the Sports rate; finance rejects, ops revises and resubmits, finance approves.
    const v2 = await ops.contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(15), reason: "Playoffs pricing" });
    const v2edited = await ops.contracts.editVersion({ versionId: v2.id, revision: v2.revision, terms: withSportsRate(v2.terms, "18.00") });
    await ops.contracts.submitVersion({ versionId: v2.id, revision: v2edited.revision });
    const rejected = await as(cast.finance).contracts.decideVersion({ versionId: v2.id, decision: "REJECT", comment: "18.00 is above the rate card ceiling" });
    const revised = await ops.contracts.editVersion({ versionId: v2.id, revision: rejected.revision, terms: withSportsRate(v2.terms, "14.00") });
    expect(await ops.contracts.submitVersion({ versionId: v2.id, revision: revised.revision })).toMatchObject({ requiredApprovals: 2 });
    await bothApprove(v2.id);

    // The renewal job opens the renewal when notice opens; finance approves it and the term is extended.
    const report = await runRenewals(t.db, renewalJob(), addDays(termEnd, -60));
    const renewalId = report.renewalsCreated.find((r) => r.contract === contract.number)!.versionId;
    const renewal = await bothApprove(renewalId);
    expect((await ops.contracts.byId({ id: contract.id })).termEnd).toBe(renewal.renewsTermTo);

    // Finance terminates it.
    await as(cast.finance).contracts.terminate({ contractId: contract.id, terminatedOn: fromToday(100), reason: "Advertiser merged with Globex" });

    const approvedByBoth = [
      ["contractVersion.approvalRecorded", "finance@tally.test"],
      ["contractVersion.approvalRecorded", "finance2@tally.test"],
      ["contractVersion.approved", "finance2@tally.test"],
    ];
    expect(await trail(contract.id)).toEqual([
      ["contract.created", "ops@tally.test"],
      ["contractVersion.created", "ops@tally.test"],
      ["contractVersion.edited", "ops@tally.test"],
      ["contractVersion.submitted", "ops@tally.test"],
      ...approvedByBoth,
      ["contract.activated", "finance2@tally.test"],
      ["contractVersion.created", "ops@tally.test"],
      ["contractVersion.edited", "ops@tally.test"],
      ["contractVersion.submitted", "ops@tally.test"],
      ["contractVersion.approvalRecorded", "finance@tally.test"],
      ["contractVersion.rejected", "finance@tally.test"],
      ["contractVersion.edited", "ops@tally.test"],
      ["contractVersion.submitted", "ops@tally.test"],
      ...approvedByBoth,
      ["contractVersion.created", "renewal job"],
      ["contractVersion.submitted", "renewal job"],
      ...approvedByBoth,
      ["contract.renewed", "finance2@tally.test"],
      ["contract.terminated", "finance@tally.test"],
    ]);
  });

  it("records the expiry of a contract that ends without renewal", async () => {
    const { contract } = await active({ header: { termEnd: fromToday(10), autoRenew: false } });
    await runRenewals(t.db, renewalJob(), fromToday(11));
    expect((await trail(contract.id)).at(-1)).toEqual(["contract.expired", "renewal job"]);
  });

  it("keeps the audit chain intact through all of it", async () => {
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, brokenAt: null });
    expect(report.checked).toBe(await t.db.auditLog.count());
  });
});
