import { describe, expect, it } from "vitest";
import { fromToday, platformFee, sportsLine, useContractWorld, withSportsRate } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft, submit, active, approve } = useContractWorld(t);

const storedVersion = (id: string) => t.db.contractVersion.findUniqueOrThrow({ where: { id } });
const auditCount = () => t.db.auditLog.count();

describe("contracts.editVersion", () => {
  it("saves new terms on a draft, bumps the revision and audits before/after", async () => {
    const { version } = await draft();
    const terms = { ...withSportsRate(version.terms, "14.00"), recurringFees: [platformFee("500")] };
    const edited = await as(cast.ops2).contracts.editVersion({ versionId: version.id, revision: 1, terms, reason: "Negotiated" });
    expect(edited).toMatchObject({ status: "DRAFT", revision: 2, reason: "Negotiated", terms: { recurringFees: [expect.objectContaining({ amount: "500" })] } });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contractVersion.edited", entityId: version.id } });
    expect(audit).toMatchObject({ actorId: cast.ops2.id, before: { revision: 1, status: "DRAFT" }, after: { revision: 2, status: "DRAFT" } });
  });

  it("edits the header of a draft contract too, moving the original version's effective date with the term", async () => {
    const { contract, version } = await draft();
    const edited = await as(cast.ops).contracts.editVersion({
      versionId: version.id,
      revision: 1,
      terms: version.terms,
      header: { title: "Acme renamed", currency: "EUR", termStart: "2027-02-01", termEnd: "2028-01-31", paymentTermsDays: 45, autoRenew: true, renewalMonths: 6, noticeDays: 30, roundingMode: "HALF_EVEN" },
    });
    expect(edited.effectiveFrom).toBe("2027-02-01");
    expect(await as(cast.ops).contracts.byId({ id: contract.id })).toMatchObject({ title: "Acme renamed", currency: "EUR", termStart: "2027-02-01", paymentTermsDays: 45, roundingMode: "HALF_EVEN" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "contract.updated", entityId: contract.id } });
    expect(audit.after).toMatchObject({ title: "Acme renamed", currency: "EUR", termStart: "2027-02-01" });
  });

  it("refuses a header change once the contract is active (CONTRACT_NOT_EDITABLE)", async () => {
    const { contract } = await active();
    const amendment = await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(1), reason: "More reach" });
    const error = await rejectionOf(
      as(cast.ops).contracts.editVersion({ versionId: amendment.id, revision: amendment.revision, terms: amendment.terms, header: { ...contract, termEnd: fromToday(600) } }),
    );
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "CONTRACT_NOT_EDITABLE" });
    expect((await storedVersion(amendment.id)).revision).toBe(amendment.revision);
  });

  it("refuses invalid terms with the field's path, saving nothing", async () => {
    const { version } = await draft();
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: version.id, revision: 1, terms: { cpmLines: [sportsLine("-1")] } }));
    expect(clientErrorOf(error).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "terms.cpmLines.0.pricing.model.ratePerThousand": ["Must be greater than zero"] } });
    expect((await storedVersion(version.id)).revision).toBe(1);
  });
});

describe("optimistic concurrency: an edit based on a stale copy", () => {
  it("is refused with VERSION_STALE, saying who changed what, and saves nothing", async () => {
    const { version } = await draft();
    // Two people opened revision 1; ops saves first.
    await as(cast.ops).contracts.editVersion({ versionId: version.id, revision: 1, terms: { ...withSportsRate(version.terms, "14.00"), recurringFees: [platformFee("750")] } });
    const auditBefore = await auditCount();

    const error = await rejectionOf(as(cast.ops2).contracts.editVersion({ versionId: version.id, revision: 1, terms: withSportsRate(version.terms, "9.99") }));
    const shape = clientErrorOf(error);
    expect(shape.message).toMatch(/^Someone else changed this version since you opened it: ops@tally\.test saved it at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. Reload to see their changes\.$/);
    expect(shape.data).toMatchObject({
      code: "CONFLICT",
      appCode: "VERSION_STALE",
      details: { currentRevision: 2, changedBy: "ops@tally.test", changes: ["Added Fee Platform fee", "CPM line Sports: rate per thousand 12.50 → 14.00"] },
    });

    const stored = await storedVersion(version.id);
    expect(stored.revision).toBe(2);
    expect(stored.terms).toMatchObject({ cpmLines: [{ pricing: { model: { ratePerThousand: "14.00" } } }] });
    expect(await auditCount()).toBe(auditBefore);
  });

  it("lists only what changed since the editor's revision when several saves happened", async () => {
    const { version } = await draft();
    const r2 = await as(cast.ops).contracts.editVersion({ versionId: version.id, revision: 1, terms: withSportsRate(version.terms, "13.00") });
    await as(cast.ops2).contracts.editVersion({ versionId: version.id, revision: r2.revision, terms: withSportsRate(version.terms, "14.00") });
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: version.id, revision: 2, terms: version.terms }));
    expect(clientErrorOf(error).data.details).toEqual({ currentRevision: 3, changedBy: "ops2@tally.test", changes: ["CPM line Sports: rate per thousand 13.00 → 14.00"] });
  });

  it("is also refused on submit (VERSION_STALE)", async () => {
    const { version } = await draft();
    await as(cast.ops).contracts.editVersion({ versionId: version.id, revision: 1, terms: withSportsRate(version.terms, "14.00") });
    const error = await rejectionOf(submit(version));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_STALE" });
    expect((await storedVersion(version.id)).status).toBe("DRAFT");
  });
});

describe("only drafts are editable", () => {
  it("refuses to edit a version pending approval (VERSION_NOT_EDITABLE), saving nothing", async () => {
    const { version } = await draft();
    const pending = await submit(version);
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: pending.id, revision: pending.revision, terms: withSportsRate(pending.terms, "1.00") }));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_EDITABLE" });
    const stored = await storedVersion(pending.id);
    expect(stored).toMatchObject({ status: "PENDING_APPROVAL", revision: pending.revision, terms: expect.objectContaining({ cpmLines: [expect.objectContaining({ pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.50" } } })] }) });
  });

  it("refuses to edit an approved version (VERSION_NOT_EDITABLE)", async () => {
    const { version } = await active();
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: version.id, revision: version.revision, terms: version.terms }));
    expect(clientErrorOf(error).data).toMatchObject({ code: "CONFLICT", appCode: "VERSION_NOT_EDITABLE" });
    expect((await storedVersion(version.id)).status).toBe("APPROVED");
  });

  it("answers NOT_FOUND for a version that does not exist", async () => {
    const error = await rejectionOf(as(cast.ops).contracts.editVersion({ versionId: "00000000-0000-4000-8000-000000000001", revision: 1, terms: {} }));
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("who may edit", () => {
  it.each([
    ["finance", () => cast.finance],
    ["an advertiser user", () => cast.acmeUser],
  ])("%s may not (FORBIDDEN), and nothing is saved", async (_, actor) => {
    const { version } = await draft();
    const error = await rejectionOf(as(actor()).contracts.editVersion({ versionId: version.id, revision: 1, terms: withSportsRate(version.terms, "1.00") }));
    expect(error.code).toBe("FORBIDDEN");
    expect((await storedVersion(version.id)).revision).toBe(1);
  });
});

describe("the database itself keeps submitted versions immutable", () => {
  /** Runs raw SQL as a superuser, the way a hand-written fix in psql would; answers the error message or null. */
  async function rawSqlError(sql: string, params: unknown[]) {
    const admin = await t.admin();
    try {
      await admin.query(sql, params);
      return null;
    } catch (err) {
      return (err as Error).message;
    } finally {
      await admin.end();
    }
  }

  it("refuses to change the terms of a version pending approval", async () => {
    const { version } = await draft();
    await submit(version);
    expect(await rawSqlError(`UPDATE contract_version SET terms = '{}'::jsonb WHERE id = $1`, [version.id])).toBe(`contract_version ${version.id}: submitted terms are immutable`);
    expect(await rawSqlError(`UPDATE contract_version SET author_id = NULL WHERE id = $1`, [version.id])).toBe(`contract_version ${version.id}: submitted terms are immutable`);
  });

  it("lets a pending version's status move on (that is how approval works)", async () => {
    const { version } = await draft();
    await submit(version);
    expect(await rawSqlError(`UPDATE contract_version SET status = 'REJECTED' WHERE id = $1`, [version.id])).toBeNull();
  });

  it("refuses any change at all to an approved version, and its deletion", async () => {
    const { version } = await active();
    for (const sql of [
      `UPDATE contract_version SET terms = '{}'::jsonb WHERE id = $1`,
      `UPDATE contract_version SET status = 'DRAFT' WHERE id = $1`,
      `UPDATE contract_version SET reason = 'tampered' WHERE id = $1`,
    ]) {
      expect(await rawSqlError(sql, [version.id])).toBe(`contract_version ${version.id}: approved versions are immutable`);
    }
    expect(await rawSqlError(`DELETE FROM contract_version WHERE id = $1`, [version.id])).toBe(`contract_version ${version.id}: only drafts can be deleted`);
    expect((await storedVersion(version.id)).status).toBe("APPROVED");
  });

  it("refuses a second open version for one contract (partial unique index)", async () => {
    const { contract } = await active();
    await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(5), reason: "First amendment" });
    const error = await rawSqlError(
      `INSERT INTO contract_version (id, contract_id, number, kind, status, effective_from, terms, updated_at)
       VALUES (gen_random_uuid(), $1, 3, 'AMENDMENT', 'DRAFT', CURRENT_DATE, '{}'::jsonb, now())`,
      [contract.id],
    );
    expect(error).toMatch(/duplicate key value violates unique constraint "contract_version_one_open_per_contract"/);
  });

  it("allows a new version once the previous one is approved", async () => {
    const { contract } = await active();
    const amendment = await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(5), reason: "First amendment" });
    await approve(await submit(amendment));
    const next = await as(cast.ops).contracts.proposeAmendment({ contractId: contract.id, effectiveFrom: fromToday(6), reason: "Second amendment" });
    expect(next.number).toBe(3);
  });
});
