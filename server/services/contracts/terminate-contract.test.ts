import { describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { todayIso } from "../../domain/contracts/dates";
import { fromToday, useContractWorld, withSportsRate } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft, submit, active, amend } = useContractWorld(t);

const terminate = (actor: Actor, contractId: string, terminatedOn = todayIso(), reason = "Advertiser went out of business") =>
  as(actor).contracts.terminate({ contractId, terminatedOn, reason });
const storedContract = (id: string) => t.db.contract.findUniqueOrThrow({ where: { id } });

describe("contracts.terminate", () => {
  it("ends an active contract on the given date, with the reason, and audits it", async () => {
    const { contract } = await active();
    const terminated = await terminate(cast.finance, contract.id, fromToday(14));
    expect(terminated).toMatchObject({ status: "TERMINATED", terminatedOn: fromToday(14), terminationReason: "Advertiser went out of business", termEnd: contract.termEnd });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.terminated", entityId: contract.id } });
    expect(audit).toMatchObject({ actorId: cast.finance.id, reason: "Advertiser went out of business", before: { status: "ACTIVE" }, after: { status: "TERMINATED", terminatedOn: fromToday(14) } });
  });

  it("keeps the terms in force up to and including the termination date", async () => {
    const endsToday = await active();
    await terminate(cast.finance, endsToday.contract.id, todayIso());
    expect((await as(cast.ops).contracts.byId({ id: endsToday.contract.id })).inForceVersionId).toBe(endsToday.version.id);

    const endedYesterday = await active();
    await terminate(cast.finance, endedYesterday.contract.id, fromToday(-1));
    expect((await as(cast.ops).contracts.byId({ id: endedYesterday.contract.id })).inForceVersionId).toBeNull();
  });

  it("closes a pending amendment, which can then never be approved", async () => {
    const { contract } = await active();
    const pending = await amend(contract.id, fromToday(10), (terms) => withSportsRate(terms, "14.00"));
    await terminate(cast.finance, contract.id);
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("REJECTED");
    const error = await rejectionOf(as(cast.finance).contracts.decideVersion({ versionId: pending.id, decision: "APPROVE" }));
    expect(clientErrorOf(error).data.appCode).toBe("VERSION_NOT_PENDING");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.terminated", entityId: contract.id } });
    expect(audit.after).toMatchObject({ closedVersionIds: [pending.id] });
  });

  it("closes a draft amendment too, and nothing of a terminated contract can be submitted again", async () => {
    const { contract } = await active();
    const proposed = await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(10), reason: "More reach" });
    await terminate(cast.finance, contract.id);
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe("REJECTED");

    // The closed version can be neither revised nor submitted, and the contract shows nothing in progress.
    const editError = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: proposed.id, revision: proposed.revision, terms: withSportsRate(proposed.terms, "14.00") }));
    expect(clientErrorOf(editError).data).toMatchObject({ code: "CONFLICT", appCode: "CONTRACT_NOT_ACTIVE" });
    const submitError = await rejectionOf(submit(proposed));
    expect(clientErrorOf(submitError).data).toMatchObject({ code: "CONFLICT" });
    expect((await t.db.contractVersion.findUniqueOrThrow({ where: { id: proposed.id } })).status).toBe("REJECTED");
    expect((await as(cast.ops).contracts.byId({ id: contract.id })).openVersionId).toBeNull();
  });

  it("leaves a terminated contract unamendable and unterminatable (CONTRACT_NOT_ACTIVE)", async () => {
    const { contract } = await active();
    await terminate(cast.finance, contract.id);
    const amendment = await rejectionOf(as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(1), reason: "Too late" }));
    expect(clientErrorOf(amendment).data.appCode).toBe("CONTRACT_NOT_ACTIVE");
    const again = await rejectionOf(terminate(cast.finance, contract.id, todayIso(), "Twice"));
    expect(clientErrorOf(again).data).toMatchObject({ code: "CONFLICT", appCode: "CONTRACT_NOT_ACTIVE" });
  });

  it("refuses to terminate a draft contract (CONTRACT_NOT_ACTIVE), saving nothing", async () => {
    const { contract } = await draft();
    const error = await rejectionOf(terminate(cast.finance, contract.id));
    expect(clientErrorOf(error)).toMatchObject({ message: "Only an active contract can be terminated", data: { code: "CONFLICT", appCode: "CONTRACT_NOT_ACTIVE" } });
    expect(await storedContract(contract.id)).toMatchObject({ status: "DRAFT", terminatedOn: null });
  });

  it.each([
    ["before the term starts", -31],
    ["after the term ends", 301],
  ])("refuses a termination date %s, on the terminatedOn field", async (_, days) => {
    const { contract } = await active();
    const error = await rejectionOf(terminate(cast.finance, contract.id, fromToday(days)));
    expect(clientErrorOf(error).data).toMatchObject({
      code: "BAD_REQUEST",
      appCode: "EFFECTIVE_DATE_INVALID",
      fieldErrors: { terminatedOn: [`Choose a date between ${contract.termStart} and ${contract.termEnd}`] },
    });
    expect(await storedContract(contract.id)).toMatchObject({ status: "ACTIVE", terminatedOn: null });
  });

  it("requires a reason", async () => {
    const { contract } = await active();
    const error = await rejectionOf(terminate(cast.finance, contract.id, todayIso(), " "));
    expect(clientErrorOf(error).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { reason: ["Give the reason for terminating"] } });
  });

  it.each([
    ["ops", () => cast.ops],
    ["an advertiser user", () => cast.acmeUser],
  ])("is refused to %s (FORBIDDEN)", async (_, actor) => {
    const { contract } = await active();
    const error = await rejectionOf(terminate(actor(), contract.id));
    expect(error).toMatchObject({ code: "FORBIDDEN", message: "Requires the contracts:terminate permission" });
    expect((await storedContract(contract.id)).status).toBe("ACTIVE");
  });
});
