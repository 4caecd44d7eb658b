import { describe, expect, it } from "vitest";
import { contractHeader, sportsLine, useContractWorld } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as, draft } = useContractWorld(t);

const year = new Date().getUTCFullYear();
const numbered = (n: number) => `C-${year}-${String(n).padStart(4, "0")}`;
const contractCount = () => t.db.contract.count();

// Numbering tests come first: this file's database starts without contracts.
describe("contract numbers", () => {
  it("are C-<year>-0001, C-<year>-0002, … in creation order", async () => {
    const first = await draft();
    const second = await draft();
    expect([first.contract.number, second.contract.number]).toEqual([numbered(1), numbered(2)]);
  });

  it("stay distinct and consecutive for 10 concurrent creations", async () => {
    const before = await contractCount();
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => draft({ header: { title: `Concurrent ${i}` } })));
    const numbers = created.map((c) => c.contract.number).sort();
    expect(numbers).toEqual(Array.from({ length: 10 }, (_, i) => numbered(before + i + 1)));
  });

  it("are not used up by a refused creation", async () => {
    const before = await contractCount();
    await rejectionOf(draft({ header: { currency: "XYZ" } }));
    expect((await draft()).contract.number).toBe(numbered(before + 1));
  });
});

describe("contracts.create", () => {
  it("opens the contract as a DRAFT with version 1, an ORIGINAL draft effective from the term start, authored by the caller", async () => {
    const header = contractHeader({ title: "Acme Upfront", termStart: "2027-01-01", termEnd: "2027-12-31", autoRenew: true, noticeDays: 45 });
    const { contract, version } = await as(cast.ops).contracts.create({ advertiserId: cast.acme.id, header: { ...header, currency: " usd " }, terms: { cpmLines: [sportsLine("12.50")] } });
    expect(contract).toMatchObject({ advertiserId: cast.acme.id, title: "Acme Upfront", currency: "USD", termStart: "2027-01-01", termEnd: "2027-12-31", autoRenew: true, noticeDays: 45, status: "DRAFT", terminatedOn: null });
    expect(version).toMatchObject({ contractId: contract.id, number: 1, kind: "ORIGINAL", status: "DRAFT", effectiveFrom: "2027-01-01", revision: 1, authorId: cast.ops.id, submissionRound: 0, committedValue: null });
    expect(version.terms.cpmLines[0]).toMatchObject({ key: "sports", pricing: { model: { ratePerThousand: "12.50" } }, billableSource: "LOWER_OF_BOTH" });
  });

  it("writes contract.created and contractVersion.created in the same transaction", async () => {
    const { contract, version } = await draft();
    const audit = await t.db.auditLog.findMany({ where: { entityId: { in: [contract.id, version.id] } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.entityType, a.actorId])).toEqual([
      ["contract.created", "Contract", cast.ops.id],
      ["contractVersion.created", "ContractVersion", cast.ops.id],
    ]);
    expect(audit[0].after).toMatchObject({ number: contract.number, firstVersionId: version.id });
    expect(audit[1].after).toMatchObject({ number: 1, kind: "ORIGINAL", terms: { cpmLines: [expect.objectContaining({ key: "sports" })] } });
  });
});

describe("contracts.create refuses bad input with field errors, saving nothing", () => {
  it.each([
    ["a term ending before it starts", { header: { termStart: "2027-01-02", termEnd: "2027-01-01" } }, { "header.termEnd": ["The term cannot end before it starts"] }],
    ["an unknown currency", { header: { currency: "XYZ" } }, { "header.currency": ["Unknown or unsupported currency (use an ISO 4217 code such as USD)"] }],
    ["negative net days", { header: { paymentTermsDays: -1 } }, { "header.paymentTermsDays": ["Net days cannot be negative"] }],
    ["a zero-month renewal", { header: { renewalMonths: 0 } }, { "header.renewalMonths": ["At least one month"] }],
    ["an impossible date", { header: { termStart: "2027-02-30" } }, { "header.termStart": ["Not a real calendar date"] }],
    ["a zero CPM rate", { terms: { cpmLines: [sportsLine("0")] } }, { "terms.cpmLines.0.pricing.model.ratePerThousand": ["Must be greater than zero"] }],
    ["a rate that is not a number", { terms: { cpmLines: [sportsLine("12,50")] } }, { "terms.cpmLines.0.pricing.model.ratePerThousand": ["Enter a number, e.g. 12.50"] }],
  ])("%s → BAD_REQUEST", async (_, input, fieldErrors) => {
    const before = await contractCount();
    const error = await rejectionOf(draft(input));
    expect(clientErrorOf(error)).toMatchObject({ data: { code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", fieldErrors } });
    expect(await contractCount()).toBe(before);
  });

  it("refuses an advertiser that does not exist, on the advertiserId field", async () => {
    const error = await rejectionOf(draft({ advertiserId: "00000000-0000-4000-8000-000000000000" }));
    expect(clientErrorOf(error)).toMatchObject({ data: { code: "BAD_REQUEST", appCode: "VALIDATION_FAILED", fieldErrors: { advertiserId: ["No such advertiser"] } } });
  });
});

describe("who may create", () => {
  it.each([
    ["an advertiser user", () => cast.acmeUser],
    ["finance", () => cast.finance],
  ])("%s may not (FORBIDDEN), even for their own advertiser", async (_, actor) => {
    const before = await contractCount();
    const error = await rejectionOf(as(actor()).contracts.create({ advertiserId: cast.acme.id, header: contractHeader(), terms: {} }));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Requires the contracts:write permission");
    expect(await contractCount()).toBe(before);
  });
});
