import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { platformFee, useContractWorld, withSportsRate } from "../../testing/contracts";
import { insertUser, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft, submit } = useContractWorld(t);

/** Twenty more finance people, for the races. */
const approvers: Actor[] = [];
beforeAll(async () => {
  for (let i = 1; i <= 20; i++) approvers.push(userActor(await insertUser(t.db, { email: `approver${i}@tally.test`, role: "FINANCE" })));
});

const bigFee = { recurringFees: [platformFee("10000")] }; // 120,000 over a calendar year: two approvers
const calendar2027 = { termStart: "2027-01-01", termEnd: "2027-12-31" };

/** A submitted original version needing one approval (or two, with `twoApprovers`). */
async function pendingVersion(twoApprovers = false) {
  const { contract, version } = await draft(twoApprovers ? { header: calendar2027, terms: bigFee } : {});
  const pending = await submit(version);
  expect(pending.requiredApprovals).toBe(twoApprovers ? 2 : 1);
  return { contract, version: pending };
}

const decide = (actor: Actor, versionId: string, decision: "APPROVE" | "REJECT" = "APPROVE", comment?: string) => as(actor).contracts.decideVersion({ versionId, decision, comment });
const recordedDecisions = (versionId: string) => t.db.contractApproval.findMany({ where: { versionId }, orderBy: { createdAt: "asc" } });
const auditActions = async (entityId: string) => (await t.db.auditLog.findMany({ where: { entityId }, orderBy: { id: "asc" } })).map((a) => a.action);
const appCodeOf = (reason: unknown) => clientErrorOf(reason as Parameters<typeof clientErrorOf>[0]).data.appCode;

/** Settled results → the indexes that succeeded and the app codes of the refusals. */
function outcomes(results: PromiseSettledResult<unknown>[]) {
  return {
    succeeded: results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : [])),
    refusals: results.flatMap((r) => (r.status === "rejected" ? [appCodeOf(r.reason)] : [])),
  };
}

// The embedded database runs one statement at a time, so there these races are serialised rather than raced; the
// outcome must be the same either way, and on PostgreSQL (TEST_DATABASE_URL) they really do overlap.
describe("parallel approvals", () => {
  it("20 finance users approving one single-approver version at once: exactly one approval and one transition", async () => {
    const { contract, version } = await pendingVersion();
    const { succeeded, refusals } = outcomes(await Promise.allSettled(approvers.map((a) => decide(a, version.id))));

    expect(succeeded).toHaveLength(1);
    expect(refusals).toEqual(Array(19).fill("VERSION_NOT_PENDING"));
    const decisions = await recordedDecisions(version.id);
    expect(decisions.map((d) => [d.approverId, d.decision, d.round])).toEqual([[approvers[succeeded[0]].id, "APPROVE", 1]]);
    expect(await auditActions(version.id)).toEqual(["contractVersion.created", "contractVersion.submitted", "contractVersion.approvalRecorded", "contractVersion.approved"]);
    expect((await auditActions(contract.id)).filter((a) => a === "contract.activated")).toHaveLength(1);
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ status: "ACTIVE" });
  });

  it("20 finance users approving one two-approver version at once: exactly two approvals, one transition", async () => {
    const { version } = await pendingVersion(true);
    const { succeeded, refusals } = outcomes(await Promise.allSettled(approvers.map((a) => decide(a, version.id))));

    expect(succeeded).toHaveLength(2);
    expect(refusals).toEqual(Array(18).fill("VERSION_NOT_PENDING"));
    expect((await recordedDecisions(version.id)).map((d) => d.approverId).sort()).toEqual(succeeded.map((i) => approvers[i].id).sort());
    expect((await auditActions(version.id)).filter((a) => a === "contractVersion.approved")).toHaveLength(1);
  });

  it("one finance user approving 20 times at once: one recorded decision, the rest ALREADY_APPROVED_BY_YOU", async () => {
    const { version } = await pendingVersion(true);
    const { succeeded, refusals } = outcomes(await Promise.allSettled(approvers.map(() => decide(cast.finance, version.id))));

    expect(succeeded).toHaveLength(1);
    expect(refusals).toEqual(Array(19).fill("ALREADY_APPROVED_BY_YOU"));
    expect((await recordedDecisions(version.id)).map((d) => d.approverId)).toEqual([cast.finance.id]);
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("PENDING_APPROVAL");
  });

  it("one finance user approving a single-approver version 20 times at once: one recorded decision", async () => {
    const { version } = await pendingVersion();
    const { succeeded, refusals } = outcomes(await Promise.allSettled(approvers.map(() => decide(cast.finance, version.id))));

    expect(succeeded).toHaveLength(1);
    expect(refusals).toEqual(Array(19).fill("VERSION_NOT_PENDING"));
    expect(await recordedDecisions(version.id)).toHaveLength(1);
  });
});

describe("segregation of duties", () => {
  it("refuses the author approving or rejecting their own version (SELF_APPROVAL_FORBIDDEN), recording nothing", async () => {
    // Authors are OPS and approvers FINANCE, so the guard only bites when one person holds both: make the finance
    // user the draft's author (drafts may change hands; the database allows it) before it is submitted.
    const { contract, version } = await draft();
    await t.db.$executeRaw`UPDATE contract_version SET author_id = ${cast.finance.id}::uuid WHERE id = ${version.id}::uuid`;
    await submit(version);

    for (const decision of ["APPROVE", "REJECT"] as const) {
      const error = await rejectionOf(decide(cast.finance, version.id, decision, "Looks fine to me"));
      expect(clientErrorOf(error).data).toMatchObject({ code: "FORBIDDEN", appCode: "SELF_APPROVAL_FORBIDDEN" });
    }
    expect(await recordedDecisions(version.id)).toEqual([]);
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: version.id } })).status).toBe("PENDING_APPROVAL");
    // The author was not asked to approve their own work; the other finance user was.
    const asked = (await t.db.notification.findMany({ where: { link: `/contracts/${contract.id}/versions/${version.id}` } })).map((n) => n.userId);
    expect(asked).toContain(cast.finance2.id);
    expect(asked).not.toContain(cast.finance.id);
    // Someone else may.
    expect((await decide(cast.finance2, version.id)).status).toBe("APPROVED");
  });

  it.each([
    ["ops", () => cast.ops],
    ["an advertiser user", () => cast.acmeUser],
  ])("%s may not decide (FORBIDDEN)", async (_, actor) => {
    const { version } = await pendingVersion();
    const error = await rejectionOf(decide(actor(), version.id));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Requires the contracts:approve permission");
    expect(await recordedDecisions(version.id)).toEqual([]);
  });
});

describe("the two-approver rule, end to end", () => {
  it("stays pending after the first approval, refuses the same approver twice, approves with a second finance user", async () => {
    const { contract, version } = await pendingVersion(true);

    expect(await decide(cast.finance, version.id)).toMatchObject({ status: "PENDING_APPROVAL" });
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ status: "DRAFT" });
    const queued = (await as(cast.finance).contracts.approvalQueue()).find((q) => q.versionId === version.id);
    expect(queued).toMatchObject({ approvals: 1, requiredApprovals: 2, committedValue: "120000", canDecide: false });
    expect((await as(cast.finance2).contracts.approvalQueue()).find((q) => q.versionId === version.id)).toMatchObject({ canDecide: true });

    const again = await rejectionOf(decide(cast.finance, version.id));
    expect(clientErrorOf(again).data).toMatchObject({ code: "CONFLICT", appCode: "ALREADY_APPROVED_BY_YOU" });

    expect(await decide(cast.finance2, version.id)).toMatchObject({ status: "APPROVED" });
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ status: "ACTIVE" });
    expect((await as(cast.finance).contracts.approvalQueue()).map((q) => q.versionId)).not.toContain(version.id);

    const detail = await as(cast.finance).contracts.version({ versionId: version.id });
    expect(detail.decisions.map((d) => [d.approver.email, d.decision, d.round])).toEqual([
      ["finance@tally.test", "APPROVE", 1],
      ["finance2@tally.test", "APPROVE", 1],
    ]);
  });

  it("tells the author once the version is approved", async () => {
    const { contract, version } = await pendingVersion();
    await decide(cast.finance, version.id, "APPROVE", "Good terms");
    const note = await t.db.notification.findFirstOrThrow({ where: { userId: cast.ops.id, kind: "VERSION_APPROVED", link: `/contracts/${contract.id}/versions/${version.id}` } });
    expect(note).toMatchObject({ title: `${contract.number} v1 was approved`, body: "finance@tally.test: “Good terms”" });
  });
});

describe("rejection", () => {
  it("requires a comment, on the comment field, recording nothing", async () => {
    const { version } = await pendingVersion();
    for (const comment of [undefined, "   "]) {
      const error = await rejectionOf(decide(cast.finance, version.id, "REJECT", comment));
      expect(clientErrorOf(error).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { comment: ["Say why it is rejected: the author will see this"] } });
    }
    expect(await recordedDecisions(version.id)).toEqual([]);
  });

  it("moves the version to REJECTED, keeps the contract a draft, tells the author why and audits the reason", async () => {
    const { contract, version } = await pendingVersion();
    const rejected = await decide(cast.finance, version.id, "REJECT", "The Sports rate is below the floor");
    expect(rejected).toMatchObject({ status: "REJECTED" });
    expect(rejected.decidedAt).toBeInstanceOf(Date);
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ status: "DRAFT", openVersionId: version.id });

    const note = await t.db.notification.findFirstOrThrow({ where: { userId: cast.ops.id, kind: "VERSION_REJECTED", link: `/contracts/${contract.id}/versions/${version.id}` } });
    expect(note).toMatchObject({ title: `${contract.number} v1 was rejected`, body: "finance@tally.test: “The Sports rate is below the floor”" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.rejected", entityId: version.id } });
    expect(audit).toMatchObject({ actorId: cast.finance.id, reason: "The Sports rate is below the floor", before: { status: "PENDING_APPROVAL" }, after: { status: "REJECTED" } });
  });

  it("cannot be resubmitted as is: the author revises it first (VERSION_NOT_SUBMITTABLE)", async () => {
    const { version } = await pendingVersion();
    const rejected = await decide(cast.finance, version.id, "REJECT", "Fix the rate");
    const error = await rejectionOf(submit(rejected));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_SUBMITTABLE" });
  });

  it("goes back to DRAFT when edited, and the resubmission is a new round in which earlier approvals do not count", async () => {
    const { version } = await pendingVersion(true);
    await decide(cast.finance, version.id);
    const rejected = await decide(cast.finance2, version.id, "REJECT", "Fee too high for this advertiser");

    const revised = await as(cast.ops).contracts.editVersion({ versionId: version.id, revision: rejected.revision, terms: withSportsRate({ ...rejected.terms, recurringFees: [platformFee("9000")] }, "12.50") });
    expect(revised).toMatchObject({ status: "DRAFT" });
    const resubmitted = await submit(revised);
    expect(resubmitted).toMatchObject({ status: "PENDING_APPROVAL", submissionRound: 2, committedValue: "108000", requiredApprovals: 2 });

    // finance approved in round 1; in round 2 that approval is history, so finance's new approval is the first.
    expect(await decide(cast.finance, version.id)).toMatchObject({ status: "PENDING_APPROVAL" });
    expect(clientErrorOf(await rejectionOf(decide(cast.finance, version.id))).data.appCode).toBe("ALREADY_APPROVED_BY_YOU");
    expect(await decide(cast.finance2, version.id)).toMatchObject({ status: "APPROVED" });

    expect((await recordedDecisions(version.id)).map((d) => [d.round, d.approverId, d.decision])).toEqual([
      [1, cast.finance.id, "APPROVE"],
      [1, cast.finance2.id, "REJECT"],
      [2, cast.finance.id, "APPROVE"],
      [2, cast.finance2.id, "APPROVE"],
    ]);
  });
});

describe("deciding a version that is not pending", () => {
  it("refuses a draft (CONFLICT, VERSION_NOT_PENDING)", async () => {
    const { version } = await draft();
    const error = await rejectionOf(decide(cast.finance, version.id));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_PENDING" });
    expect(await recordedDecisions(version.id)).toEqual([]);
  });

  it("refuses an approved version, approving or rejecting", async () => {
    const { version } = await pendingVersion();
    await decide(cast.finance, version.id);
    expect(clientErrorOf(await rejectionOf(decide(cast.finance2, version.id))).data.appCode).toBe("VERSION_NOT_PENDING");
    expect(clientErrorOf(await rejectionOf(decide(cast.finance2, version.id, "REJECT", "Changed my mind"))).data.appCode).toBe("VERSION_NOT_PENDING");
    expect(await recordedDecisions(version.id)).toHaveLength(1);
  });

  it("answers NOT_FOUND for a version that does not exist", async () => {
    expect((await rejectionOf(decide(cast.finance, "00000000-0000-4000-8000-000000000002"))).code).toBe("NOT_FOUND");
  });
});
