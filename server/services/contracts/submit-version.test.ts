import { beforeAll, describe, expect, it } from "vitest";
import { platformFee, sportsLine, useContractWorld } from "../../testing/contracts";
import { insertUser } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft, submit } = useContractWorld(t);

const calendar2027 = { termStart: "2027-01-01", termEnd: "2027-12-31" };
let disabledFinanceId: string;

beforeAll(async () => {
  disabledFinanceId = (await insertUser(t.db, { email: "former@tally.test", role: "FINANCE" })).id;
  await t.db.user.update({ where: { id: disabledFinanceId }, data: { disabledAt: new Date() } });
});

const notificationsFor = (link: string) => t.db.notification.findMany({ where: { link }, orderBy: { userId: "asc" } });

describe("contracts.submitVersion", () => {
  it("fixes the committed value and needs one approval below the threshold: 1,000 a month × 12 = 12,000", async () => {
    const { version } = await draft({ header: calendar2027, terms: { recurringFees: [platformFee("1000")] } });
    const submitted = await submit(version);
    expect(submitted).toMatchObject({ status: "PENDING_APPROVAL", committedValue: "12000", requiredApprovals: 1, submissionRound: 1, revision: version.revision });
    expect(submitted.submittedAt).toBeInstanceOf(Date);
  });

  it("needs two approvals above the 100,000 default threshold: 10,000 a month × 12 = 120,000", async () => {
    const { version } = await draft({ header: calendar2027, terms: { recurringFees: [platformFee("10000")] } });
    expect(await submit(version)).toMatchObject({ committedValue: "120000", requiredApprovals: 2 });
  });

  it("needs one approval at exactly the threshold, two a cent above it", async () => {
    const commitment = (amount: string) => ({ cpmLines: [{ ...sportsLine(), minimumCommitment: { amount, period: "TERM" as const } }] });
    const atThreshold = await draft({ header: calendar2027, terms: commitment("100000") });
    const above = await draft({ header: calendar2027, terms: commitment("100000.01") });
    expect(await submit(atThreshold.version)).toMatchObject({ committedValue: "100000", requiredApprovals: 1 });
    expect(await submit(above.version)).toMatchObject({ committedValue: "100000.01", requiredApprovals: 2 });
  });

  it("counts a lifetime budget cap when it is larger than the fees", async () => {
    const { version } = await draft({ header: calendar2027, terms: { recurringFees: [platformFee("1000")], cpmLines: [{ ...sportsLine(), lifetimeBudget: "250000" }] } });
    expect(await submit(version)).toMatchObject({ committedValue: "250000", requiredApprovals: 2 });
  });

  it("notifies every active finance user, but not the author, other ops or disabled users", async () => {
    const { contract, version } = await draft({ header: calendar2027, terms: { recurringFees: [platformFee("10000")] } });
    await submit(version);
    const notes = await notificationsFor(`/contracts/${contract.id}/versions/${version.id}`);
    expect(notes.map((n) => n.userId).sort()).toEqual([cast.finance.id, cast.finance2.id].sort());
    expect(notes[0]).toMatchObject({
      kind: "APPROVAL_REQUESTED",
      title: `New contract ${contract.number} v1 awaits approval`,
      body: "Acme CTV: committed value 120000.00 USD (needs two approvers).",
      readAt: null,
    });
    expect(notes.map((n) => n.userId)).not.toContain(disabledFinanceId);
  });

  it("writes contractVersion.submitted with the value, the approvals needed and the round", async () => {
    const { version } = await draft({ header: calendar2027, terms: { recurringFees: [platformFee("1000")] } });
    await submit(version);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.submitted", entityId: version.id } });
    expect(audit).toMatchObject({ actorId: cast.ops.id, before: { status: "DRAFT" }, after: { status: "PENDING_APPROVAL", committedValue: "12000", requiredApprovals: 1, round: 1 } });
  });

  it("starts a new round on each submission", async () => {
    const { version } = await draft();
    await submit(version);
    const withdrawn = await as(cast.ops).contracts.withdrawVersion({ versionId: version.id });
    expect(withdrawn).toMatchObject({ status: "DRAFT", submissionRound: 1 });
    expect(await submit(withdrawn)).toMatchObject({ status: "PENDING_APPROVAL", submissionRound: 2 });
  });

  it("refuses to submit a version twice (VERSION_NOT_SUBMITTABLE)", async () => {
    const { version } = await draft();
    const pending = await submit(version);
    const error = await rejectionOf(submit(pending));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_SUBMITTABLE" });
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).submissionRound).toBe(1);
  });

  it("refuses a submission based on a stale copy, saying who changed what (VERSION_STALE), and stays a draft", async () => {
    const { version } = await draft();
    await as(cast.ops2).contracts.editVersion({ versionId: version.id, revision: 1, terms: { ...version.terms, cpmLines: [sportsLine("13.00")] } });
    const error = await rejectionOf(submit(version));
    expect(clientErrorOf(error).data).toMatchObject({
      code: "CONFLICT",
      appCode: "VERSION_STALE",
      details: { changedBy: "ops2@tally.test", currentRevision: 2, changes: ["CPM line Sports: rate per thousand 12.50 → 13.00"] },
    });
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("DRAFT");
  });

  it("is refused to finance and advertisers (FORBIDDEN)", async () => {
    const { version } = await draft();
    for (const actor of [cast.finance, cast.acmeUser]) {
      expect((await rejectionOf(as(actor).contracts.submitVersion({ versionId: version.id, revision: 1 }))).code).toBe("FORBIDDEN");
    }
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("DRAFT");
  });
});

describe("contracts.withdrawVersion", () => {
  it("takes a pending version back to draft, bumping the revision, and audits it", async () => {
    const { version } = await draft();
    const pending = await submit(version);
    const withdrawn = await as(cast.ops).contracts.withdrawVersion({ versionId: version.id });
    expect(withdrawn).toMatchObject({ status: "DRAFT", revision: pending.revision + 1 });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.withdrawn", entityId: version.id } });
    expect(audit).toMatchObject({ before: { status: "PENDING_APPROVAL" }, after: { status: "DRAFT" } });
  });

  it("refuses to withdraw a draft (VERSION_NOT_PENDING)", async () => {
    const { version } = await draft();
    const error = await rejectionOf(as(cast.ops).contracts.withdrawVersion({ versionId: version.id }));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_PENDING" });
  });
});
