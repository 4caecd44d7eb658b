import { describe, expect, it } from "vitest";
import { addDays, addMonths } from "../../domain/contracts/dates";
import { fromToday, renewalJob, useContractWorld } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { rejectionOf } from "../../testing/trpc-errors";
import { runRenewals } from "./run-renewals";

const t = useTestDatabase();
const { cast, as, submit, active, approve } = useContractWorld(t);

// Every contract here ends 300 days from now; the job is run with an explicit `today` to step through its life.
const TERM_END = fromToday(300);
const run = (today: string) => runRenewals(t.db, renewalJob(), today);
const autoRenewing = (noticeDays = 60) => active({ header: { termEnd: TERM_END, autoRenew: true, renewalMonths: 12, noticeDays } });
const nonRenewing = () => active({ header: { termEnd: TERM_END, autoRenew: false } });
const versionsOf = (contractId: string) => t.db.contractVersion.findMany({ where: { contractId }, orderBy: { number: "asc" } });
const storedContract = (id: string) => t.db.contract.findUniqueOrThrow({ where: { id } });

describe("runRenewals: creating renewals", () => {
  it.each([60, 0])("creates a renewal when the notice window opens (%i days' notice), not a day earlier", async (noticeDays) => {
    const { contract } = await autoRenewing(noticeDays);
    const opens = addDays(TERM_END, -noticeDays);

    const early = await run(addDays(opens, -1));
    expect(early.renewalsCreated.map((r) => r.contract)).not.toContain(contract.number);
    expect(await versionsOf(contract.id)).toHaveLength(1);

    const due = await run(opens);
    expect(due.renewalsCreated).toContainEqual({ contract: contract.number, versionId: expect.any(String) });
    expect(await versionsOf(contract.id)).toHaveLength(2);
  });

  it("submits the renewal for approval: the next 12 months, the terms in force at term end, no author", async () => {
    const { contract, version } = await autoRenewing();
    const report = await run(addDays(TERM_END, -60));
    const { versionId } = report.renewalsCreated.find((r) => r.contract === contract.number)!;
    const nextStart = addDays(TERM_END, 1);

    const renewal = await as(cast.finance).contracts.version({ versionId });
    expect(renewal.version).toMatchObject({
      number: 2,
      kind: "RENEWAL",
      status: "PENDING_APPROVAL",
      effectiveFrom: nextStart,
      renewsTermTo: addDays(addMonths(nextStart, 12), -1),
      authorId: null,
      submissionRound: 1,
      requiredApprovals: 1,
      reason: `Renewal for ${nextStart} – ${addDays(addMonths(nextStart, 12), -1)} (auto-renew, 12 months)`,
    });
    expect(renewal.version.terms).toEqual(version.terms);
    expect(renewal.changes).toEqual([]);

    const asked = await t.db.notification.findMany({ where: { link: `/contracts/${contract.id}/versions/${versionId}` } });
    expect(asked.map((n) => n.userId).sort()).toEqual([cast.finance.id, cast.finance2.id].sort());
    expect(asked[0].title).toBe(`Renewal ${contract.number} v2 awaits approval`);

    const audit = await t.db.auditLog.findMany({ where: { entityId: versionId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorType, a.actorLabel, a.source])).toEqual([
      ["contractVersion.created", "SYSTEM", "renewal job", "JOB"],
      ["contractVersion.submitted", "SYSTEM", "renewal job", "JOB"],
    ]);
  });

  it("is idempotent: running again the same day, or the next, creates nothing more", async () => {
    const { contract } = await autoRenewing();
    const opens = addDays(TERM_END, -60);
    await run(opens);
    for (const today of [opens, addDays(opens, 1)]) {
      const again = await run(today);
      expect(again.renewalsCreated.map((r) => r.contract)).not.toContain(contract.number);
      expect(again.skipped.map((s) => s.contract)).not.toContain(contract.number);
    }
    expect(await versionsOf(contract.id)).toHaveLength(2);
  });

  it("skips a contract with a version in progress, saying which", async () => {
    const { contract } = await autoRenewing();
    await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(5), reason: "More reach" });
    const report = await run(addDays(TERM_END, -60));
    expect(report.skipped).toContainEqual({ contract: contract.number, reason: "version 2 is still in progress" });
    expect(report.renewalsCreated.map((r) => r.contract)).not.toContain(contract.number);
    expect(await versionsOf(contract.id)).toHaveLength(2);
  });

  it("creates no renewal for a contract that does not auto-renew", async () => {
    const { contract } = await nonRenewing();
    const report = await run(addDays(TERM_END, -60));
    expect(report.renewalsCreated.map((r) => r.contract)).not.toContain(contract.number);
    expect(await versionsOf(contract.id)).toHaveLength(1);
  });
});

describe("runRenewals: expiring contracts", () => {
  it("expires a non-renewing contract the day after its term ends, not on its last day", async () => {
    const { contract } = await nonRenewing();
    expect((await run(TERM_END)).expired).not.toContain(contract.number);
    expect((await storedContract(contract.id)).status).toBe("ACTIVE");

    expect((await run(addDays(TERM_END, 1))).expired).toContain(contract.number);
    expect((await storedContract(contract.id)).status).toBe("EXPIRED");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.expired", entityId: contract.id } });
    expect(audit).toMatchObject({ actorType: "SYSTEM", before: { status: "ACTIVE" }, after: { status: "EXPIRED", termEnd: TERM_END } });

    expect((await run(addDays(TERM_END, 2))).expired).not.toContain(contract.number);
    expect(await t.db.auditLog.count({ where: { action: "contract.expired", entityId: contract.id } })).toBe(1);
  });

  it("does not expire a contract while its renewal awaits approval", async () => {
    const { contract } = await autoRenewing();
    await run(addDays(TERM_END, -60));
    expect((await run(addDays(TERM_END, 1))).expired).not.toContain(contract.number);
    expect((await storedContract(contract.id)).status).toBe("ACTIVE");
  });
});

describe("approving a renewal", () => {
  it("extends the term to the renewal's end", async () => {
    const { contract } = await autoRenewing();
    const { versionId } = (await run(addDays(TERM_END, -60))).renewalsCreated.find((r) => r.contract === contract.number)!;
    const renewal = await as(cast.finance).contracts.version({ versionId });
    await approve(renewal.version);

    const renewed = await as(cast.ops).contracts.byId({ id: contract.id });
    expect(renewed).toMatchObject({ status: "ACTIVE", termEnd: renewal.version.renewsTermTo, openVersionId: null });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.renewed", entityId: contract.id } });
    expect(audit).toMatchObject({ actorId: cast.finance.id, before: { termEnd: TERM_END, status: "ACTIVE" }, after: { termEnd: renewal.version.renewsTermTo, status: "ACTIVE" } });
    // The next run neither expires it at the old end nor renews it again.
    const later = await run(addDays(TERM_END, 1));
    expect(later.expired).not.toContain(contract.number);
    expect(later.renewalsCreated.map((r) => r.contract)).not.toContain(contract.number);
  });

  it("revives a contract that expired while its rejected renewal was being revised", async () => {
    const { contract } = await autoRenewing();
    const { versionId } = (await run(addDays(TERM_END, -60))).renewalsCreated.find((r) => r.contract === contract.number)!;
    const rejected = await as(cast.finance).contracts.decideVersion({ versionId, decision: "REJECT", comment: "Renew at the new rate card" });
    expect((await run(addDays(TERM_END, 1))).expired).toContain(contract.number);

    const revised = await as(cast.ops).contracts.editVersion({ versionId, revision: rejected.revision, terms: rejected.terms });
    const approved = await approve(await submit(revised));
    expect(approved.status).toBe("APPROVED");
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ status: "ACTIVE", termEnd: approved.renewsTermTo });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.renewed", entityId: contract.id } });
    expect(audit).toMatchObject({ before: { status: "EXPIRED" }, after: { status: "ACTIVE" } });
  });
});

describe("contracts.runRenewals (the operators' button)", () => {
  it("is refused to advertisers (FORBIDDEN)", async () => {
    expect((await rejectionOf(as(cast.acmeUser).contracts.runRenewals())).code).toBe("FORBIDDEN");
  });
});
