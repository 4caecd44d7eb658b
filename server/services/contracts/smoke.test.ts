import { describe, expect, it } from "vitest";
import { callerAs, insertAdvertiser, insertUser, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { verifyAuditChain } from "../audit/verify-audit-chain";

const t = useTestDatabase();

describe("smoke", () => {
  it("create → edit → submit → approve → amend", async () => {
    const acme = await insertAdvertiser(t.db, "acme");
    const ops = userActor(await insertUser(t.db, { email: "ops@t", role: "OPS" }));
    const fin = userActor(await insertUser(t.db, { email: "fin@t", role: "FINANCE" }));
    const adv = userActor(await insertUser(t.db, { email: "a@acme", role: "ADVERTISER", advertiserId: acme.id }));
    const o = callerAs(t.db, ops);
    const { contract, version } = await o.contracts.create({
      advertiserId: acme.id,
      header: { title: "Acme 2026", currency: "USD", termStart: "2026-01-01", termEnd: "2027-12-31", paymentTermsDays: 30, autoRenew: true, renewalMonths: 12, noticeDays: 60 },
      terms: { cpmLines: [{ key: "sports", name: "Sports", inventoryType: "Sports", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.50" } }, agencyCommissionPercent: "0" } as never] },
    });
    expect(contract.number).toMatch(/^C-\d{4}-0001$/);
    const edited = await o.contracts.editVersion({ versionId: version.id, revision: 1, terms: { ...version.terms, recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY", startDate: null, endDate: null }] } });
    await expect(o.contracts.editVersion({ versionId: version.id, revision: 1, terms: version.terms })).rejects.toMatchObject({ code: "CONFLICT" });
    const submitted = await o.contracts.submitVersion({ versionId: version.id, revision: edited.revision });
    expect(submitted.status).toBe("PENDING_APPROVAL");
    expect(submitted.committedValue).toBe("24000");
    const f = callerAs(t.db, fin);
    const queue = await f.contracts.approvalQueue();
    expect(queue).toHaveLength(1);
    const approved = await f.contracts.decideVersion({ versionId: version.id, decision: "APPROVE", comment: "ok" });
    expect(approved.status).toBe("APPROVED");
    const c = await callerAs(t.db, adv).contracts.byId({ id: contract.id });
    expect(c.status).toBe("ACTIVE");
    const amendment = await o.contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: "2027-02-01", reason: "Rate change" });
    const terms = structuredClone(amendment.terms);
    (terms.cpmLines[0].pricing as { model: { ratePerThousand: string } }).model.ratePerThousand = "14.00";
    const e2 = await o.contracts.editVersion({ versionId: amendment.id, revision: amendment.revision, terms });
    await o.contracts.submitVersion({ versionId: amendment.id, revision: e2.revision });
    const detail = await f.contracts.version({ versionId: amendment.id });
    expect(detail.changes.map((x) => x.sentence)).toEqual(["CPM line Sports: rate per thousand 12.50 → 14.00 from 2027-02-01"]);
    await f.contracts.decideVersion({ versionId: amendment.id, decision: "APPROVE" });
    const forAdv = await callerAs(t.db, adv).contracts.version({ versionId: amendment.id });
    expect(forAdv.decisions).toEqual([]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
    const notes = await o.notifications.list({});
    expect(notes.items.map((n) => n.kind)).toContain("VERSION_APPROVED");
  });
});
