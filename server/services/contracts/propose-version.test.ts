import { describe, expect, it } from "vitest";
import { todayIso } from "../../domain/contracts/dates";
import { fromToday, useContractWorld, withSportsRate } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft, submit, approve, active, amend } = useContractWorld(t);

const propose = (contractId: string, effectiveFrom: string) => as(cast.ops).contracts.proposeAmendment({ contractId, effectiveFrom, reason: "Rate change agreed with the advertiser" });
const versionCount = (contractId: string) => t.db.contractVersion.count({ where: { contractId } });

describe("contracts.proposeAmendment", () => {
  it("opens version 2 as an AMENDMENT draft, starting from the terms in force on its effective date", async () => {
    const { contract, version } = await active();
    const amendment = await propose(contract.id, fromToday(10));
    expect(amendment).toMatchObject({ number: 2, kind: "AMENDMENT", status: "DRAFT", effectiveFrom: fromToday(10), authorId: cast.ops.id, reason: "Rate change agreed with the advertiser", revision: 1 });
    expect(amendment.terms).toEqual(version.terms);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.created", entityId: amendment.id } });
    expect(audit).toMatchObject({ reason: "Rate change agreed with the advertiser", after: { kind: "AMENDMENT", number: 2, basedOnVersion: 1, effectiveFrom: fromToday(10) } });
  });

  it("accepts today as the effective date", async () => {
    const { contract } = await active();
    expect((await propose(contract.id, todayIso())).effectiveFrom).toBe(todayIso());
  });

  it("refuses an effective date before today on the effectiveFrom field (EFFECTIVE_DATE_INVALID), saving nothing", async () => {
    const { contract } = await active();
    const error = await rejectionOf(propose(contract.id, fromToday(-1)));
    expect(clientErrorOf(error)).toMatchObject({
      message: "An amendment takes effect today or later",
      data: { code: "BAD_REQUEST", appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { effectiveFrom: [`Choose ${todayIso()} or later; finance can backdate when approving`] } },
    });
    expect(await versionCount(contract.id)).toBe(1);
  });

  it("refuses an effective date after the term ends", async () => {
    const { contract } = await active();
    const error = await rejectionOf(propose(contract.id, fromToday(301)));
    expect(clientErrorOf(error)).toMatchObject({
      message: "The effective date is outside the contract term",
      data: { appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { effectiveFrom: [`Choose a date between ${contract.termStart} and ${contract.termEnd}`] } },
    });
    expect(await versionCount(contract.id)).toBe(1);
  });

  it("refuses an effective date before a term that has not started yet", async () => {
    const { contract } = await active({ header: { termStart: fromToday(30), termEnd: fromToday(400) } });
    expect(clientErrorOf(await rejectionOf(propose(contract.id, fromToday(29)))).data.appCode).toBe("EFFECTIVE_DATE_INVALID");
    expect((await propose(contract.id, fromToday(30))).effectiveFrom).toBe(fromToday(30));
  });

  it("refuses to amend a contract that is not active (CONTRACT_NOT_ACTIVE)", async () => {
    const { contract } = await draft();
    const error = await rejectionOf(propose(contract.id, fromToday(1)));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "CONTRACT_NOT_ACTIVE" });
    expect(await versionCount(contract.id)).toBe(1);
  });

  it.each([
    ["a draft", async (id: string) => id],
    ["a pending", async (id: string) => (await submit({ id, revision: 1 })).id],
    ["a rejected", async (id: string) => (await as(cast.finance).contracts.decideVersion({ versionId: (await submit({ id, revision: 1 })).id, decision: "REJECT", comment: "No" })).id],
  ])("refuses a second amendment while %s one is open (OPEN_VERSION_EXISTS)", async (_, bringTo) => {
    const { contract } = await active();
    await bringTo((await propose(contract.id, fromToday(5))).id);
    const error = await rejectionOf(propose(contract.id, fromToday(6)));
    expect(clientErrorOf(error)).toMatchObject({
      message: "Version 2 of this contract is still in progress: finish or withdraw it first",
      data: { code: "CONFLICT", appCode: "OPEN_VERSION_EXISTS" },
    });
    expect(await versionCount(contract.id)).toBe(2);
  });

  it("lets OPS move a draft amendment's effective date, within the same rules", async () => {
    const { contract } = await active();
    const amendment = await propose(contract.id, fromToday(5));
    const moved = await as(cast.ops).contracts.editVersion({ versionId: amendment.id, revision: 1, terms: amendment.terms, effectiveFrom: fromToday(20) });
    expect(moved.effectiveFrom).toBe(fromToday(20));
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: amendment.id, revision: moved.revision, terms: amendment.terms, effectiveFrom: fromToday(-2) }));
    expect(clientErrorOf(error).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { effectiveFrom: [expect.any(String)] } });
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: amendment.id } })).revision).toBe(moved.revision);
  });
});

describe("amendments never slot in before approved terms", () => {
  it("refuses an amendment effective before a later approved amendment's date, which it would silently undo", async () => {
    const { contract } = await active();
    const later = await approve(await amend(contract.id, fromToday(20), (terms) => withSportsRate(terms, "14.00")));
    const error = await rejectionOf(propose(contract.id, fromToday(10)));
    expect(clientErrorOf(error).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { effectiveFrom: [`Choose ${fromToday(20)} or later`] } });
    expect(await versionCount(contract.id)).toBe(2);
    expect((await propose(contract.id, fromToday(20))).terms).toEqual(later.terms);
  });

  it("refuses a backdate to before the latest approved amendment", async () => {
    const { contract } = await active();
    await approve(await amend(contract.id, fromToday(5), (terms) => withSportsRate(terms, "14.00")));
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "15.00"));
    const error = await rejectionOf(as(cast.finance).contracts.decideVersion({ versionId: pending.id, decision: "APPROVE", backdateTo: fromToday(2), backdateReason: "Too early" }));
    expect(clientErrorOf(error).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { backdateTo: [`Choose ${fromToday(5)} or later`] } });
  });
});

describe("the terms in force follow the dates", () => {
  it("keeps the original in force until a future amendment's date", async () => {
    const { contract, version } = await active();
    const amendment = await approve(await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00")));
    expect(amendment.status).toBe("APPROVED");
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ inForceVersionId: version.id, openVersionId: null });
  });

  it("puts an amendment effective today in force as soon as it is approved", async () => {
    const { contract } = await active();
    const amendment = await approve(await amend(contract.id, todayIso(), (terms) => withSportsRate(terms, "14.00")));
    expect((await as(cast.ops).contracts.byId({ id: contract.id })).inForceVersionId).toBe(amendment.id);
  });

  it("describes the amendment against the version before it, with its effective date", async () => {
    const { contract } = await active();
    const amendment = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    const detail = await as(cast.finance).contracts.version({ versionId: amendment.id });
    expect(detail.previousVersionNumber).toBe(1);
    expect(detail.changes.map((c) => c.sentence)).toEqual([`CPM line Sports: rate per thousand 12.50 → 14.00 from ${fromToday(10)}`]);
  });
});

describe("finance backdating an amendment when approving it", () => {
  const approveBackdated = (versionId: string, backdateTo: string, backdateReason?: string) =>
    as(cast.finance).contracts.decideVersion({ versionId, decision: "APPROVE", backdateTo, backdateReason });

  it("moves the effective date earlier, with the reason stored and audited, and the terms in force follow", async () => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    const approved = await approveBackdated(pending.id, fromToday(-5), "Signed on the 5th, entered late");
    expect(approved).toMatchObject({ status: "APPROVED", effectiveFrom: fromToday(-5), backdateReason: "Signed on the 5th, entered late" });
    expect((await as(cast.ops).contracts.byId({ id: contract.id })).inForceVersionId).toBe(pending.id);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.approved", entityId: pending.id } });
    expect(audit).toMatchObject({ reason: "Backdated: Signed on the 5th, entered late", before: { effectiveFrom: fromToday(10) }, after: { effectiveFrom: fromToday(-5) } });
  });

  it("requires a reason, on the backdateReason field", async () => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    const error = await rejectionOf(approveBackdated(pending.id, fromToday(-5)));
    expect(clientErrorOf(error).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { backdateReason: ["A backdated amendment needs a reason"] } });
  });

  it.each([
    ["the proposed date itself", 10],
    ["a date after the proposed one", 11],
    ["a date before the term starts", -31],
  ])("refuses %s (EFFECTIVE_DATE_INVALID), recording nothing", async (_, days) => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    const error = await rejectionOf(approveBackdated(pending.id, fromToday(days), "Because"));
    expect(clientErrorOf(error).data).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "EFFECTIVE_DATE_INVALID",
      fieldErrors: { backdateTo: [`Between ${contract.termStart} and ${fromToday(9)}`] },
    });
    expect(await t.db.contractApproval.count({ where: { versionId: pending.id } })).toBe(0);
    expect(await t.db.contractVersion.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "PENDING_APPROVAL", backdateReason: null });
  });

  it("accepts the term's first day", async () => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    expect((await approveBackdated(pending.id, contract.termStart, "Agreed from the start")).effectiveFrom).toBe(contract.termStart);
  });

  it("refuses to backdate anything but an amendment", async () => {
    const { version } = await draft();
    const pending = await submit(version);
    const error = await rejectionOf(approveBackdated(pending.id, fromToday(-40), "Because"));
    expect(clientErrorOf(error).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { backdateTo: ["Not applicable here"] } });
  });

  it("refuses to backdate while rejecting", async () => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    const error = await rejectionOf(as(cast.finance).contracts.decideVersion({ versionId: pending.id, decision: "REJECT", comment: "No", backdateTo: fromToday(-1), backdateReason: "x" }));
    expect(clientErrorOf(error).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { backdateTo: ["Not applicable here"] } });
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING_APPROVAL");
  });
});
