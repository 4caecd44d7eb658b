import { describe, expect, it } from "vitest";
import { ZContractTerms } from "../contracts/terms";
import { checkConversionBatch, parseConversionRows, type ConversionContract } from "./conversion-batch";

const terms = ZContractTerms.parse({
  cpaLines: [{ key: "installs", name: "Installs", payouts: [{ conversionType: "app_install", flat: "4.50" }], attribution: {}, eligibility: {} }],
});
const contract = (overrides: Partial<ConversionContract> = {}): ConversionContract => ({
  id: "c1",
  number: "C-2026-0002",
  advertiserId: "globex",
  currency: "EUR",
  status: "ACTIVE",
  term: { start: "2026-09-01", end: "2027-08-31" },
  versions: [{ id: "v1", number: 1, effectiveFrom: "2026-09-01", terms }],
  ...overrides,
});
const now = new Date("2026-11-22T12:00:00Z");
const row = (o: Record<string, unknown> = {}) => ({ externalId: "ord-1", occurredAt: "2026-10-03T14:05:00Z", type: "app_install", contract: "C-2026-0002", line: "installs", ...o });
const check = (rows: Record<string, unknown>[], contracts = [contract()]) => checkConversionBatch(parseConversionRows(rows), new Map(contracts.map((c) => [c.number, c])), now);

describe("checkConversionBatch", () => {
  it("accepts well-formed rows, normalising times to UTC and types to lower case", () => {
    const result = check([row({ occurredAt: "2026-10-03T16:05:00+02:00", type: "App_Install", value: 19.99, currency: "eur", exposures: [{ kind: "CLICK", at: "2026-10-02T10:00:00Z" }] })]);
    expect(result).toMatchObject({ ok: true, rows: [{ occurredAt: "2026-10-03T14:05:00.000Z", day: "2026-10-03", type: "app_install", value: "19.99", currency: "EUR", exposures: [{ kind: "click", at: "2026-10-02T10:00:00.000Z" }], contractId: "c1", advertiserId: "globex" }] });
  });

  it("reports every bad row with its field, and accepts none of the batch", () => {
    const result = check(
      [
        row(),
        row({ externalId: "ord-2", contract: "C-2099-0001" }),
        row({ externalId: "ord-3", line: "sports" }),
        row({ externalId: "ord-4", occurredAt: "2026-11-23T00:00:00Z" }),
        row({ externalId: "ord-5", occurredAt: "2026-08-31T23:59:59Z" }),
        row({ externalId: "ord-6", value: "10", currency: "USD" }),
        row({ externalId: "ord-7", value: "10" }),
        row({ externalId: "ord-8", occurredAt: "3 October" }),
        row({ externalId: "ord-9", geography: "Germany", exposures: [{ kind: "hover", at: "2026-10-01T00:00:00Z" }] }),
        row(),
      ],
      [contract()],
    );
    expect(result).toEqual({
      ok: false,
      problemCount: 10,
      problems: [
        { row: 2, field: "contract", message: "Unknown contract C-2099-0001" },
        { row: 3, field: "line", message: "C-2026-0002 has no CPA line “sports”" },
        { row: 4, field: "occurredAt", message: "2026-11-23T00:00:00.000Z is in the future" },
        { row: 5, field: "occurredAt", message: "2026-08-31 is outside the contract's term (2026-09-01 to 2027-08-31)" },
        { row: 6, field: "currency", message: "Values must be in EUR, the contract's currency" },
        { row: 7, field: "currency", message: "Give the value's currency (EUR)" },
        { row: 8, field: "occurredAt", message: "Use an ISO time with its offset, e.g. 2026-10-03T14:05:00Z" },
        { row: 9, field: "geography", message: "A two-letter country code" },
        { row: 9, field: "exposures.0.kind", message: "Use click or view" },
        { row: 10, field: "externalId", message: "Same external id as row 1" },
      ],
    });
  });

  it("refuses conversions for a contract that is not active", () => {
    expect(check([row()], [contract({ status: "EXPIRED" })])).toMatchObject({ ok: false, problems: [{ row: 1, field: "contract", message: "C-2026-0002 is not active (expired)" }] });
  });
});
