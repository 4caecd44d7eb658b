import { describe, expect, it } from "vitest";
import { parseConversionRows } from "./conversion-batch";
import { CONVERSION_CSV_EXAMPLE, conversionCsvColumnOf, parseConversionCsv } from "./conversion-csv";

describe("parseConversionCsv", () => {
  it("maps columns by header name, in any order, to the API's row fields, with their line numbers", () => {
    const parsed = parseConversionCsv("\uFEFFLine,Contract,Type,Occurred_At,External_Id\nshop,C-2026-0002,purchase,2026-10-03T14:05:00Z,ord-1\n");
    expect(parsed).toEqual({ ok: true, rows: [{ externalId: "ord-1", occurredAt: "2026-10-03T14:05:00Z", type: "purchase", contract: "C-2026-0002", line: "shop" }], lineNumbers: [2] });
  });

  it("parses its own example into a row the batch check accepts the shape of", () => {
    const parsed = parseConversionCsv(CONVERSION_CSV_EXAMPLE);
    expect(parsed).toEqual({
      ok: true,
      rows: [
        {
          externalId: "ord-1001",
          occurredAt: "2026-10-03T14:05:00Z",
          type: "purchase",
          contract: "C-2026-0002",
          line: "shop",
          value: "80.00",
          currency: "USD",
          geography: "DE",
          newCustomer: true,
          partner: "acme-affiliates",
          dedupeKey: "order-1001",
          exposures: [
            { kind: "click", at: "2026-10-03T12:00:00Z" },
            { kind: "view", at: "2026-10-02T08:00:00Z" },
          ],
        },
      ],
      lineNumbers: [2],
    });
    expect(parseConversionRows(parsed.ok ? parsed.rows : []).map((r) => r.success)).toEqual([true]);
  });

  it("leaves empty cells out, so optional fields stay unset, and reads new_customer in any case", () => {
    const parsed = parseConversionCsv("external_id,occurred_at,type,contract,line,value,currency,new_customer,exposures\nord-1,2026-10-03T14:05:00Z,signup,C-2026-0002,shop, ,,FALSE,\n");
    expect(parsed).toMatchObject({ ok: true, rows: [{ externalId: "ord-1", newCustomer: false }] });
    expect(parsed.ok && Object.keys(parsed.rows[0])).toEqual(["externalId", "occurredAt", "type", "contract", "line", "newCustomer"]);
  });

  it("passes unreadable cells on as written, for the batch check to report on their line", () => {
    const parsed = parseConversionCsv("external_id,occurred_at,type,contract,line,new_customer,exposures\nord-1,yesterday,purchase,C-2026-0002,shop,maybe,tap@2026-10-03T12:00:00Z; click\n");
    expect(parsed).toMatchObject({ ok: true, rows: [{ occurredAt: "yesterday", newCustomer: "maybe", exposures: [{ kind: "tap", at: "2026-10-03T12:00:00Z" }, { kind: "click" }] }] });
    const [checked] = parseConversionRows(parsed.ok ? parsed.rows : []);
    expect(checked.success ? [] : checked.error.issues.map((i) => conversionCsvColumnOf(i.path.join(".")))).toEqual(["occurred_at", "new_customer", "exposures #1 kind", "exposures #2 at"]);
  });

  it("keeps file line numbers across quoted multi-line cells and blank lines", () => {
    const parsed = parseConversionCsv('external_id,occurred_at,type,contract,line,dedupe_key\nord-1,2026-10-03T14:05:00Z,purchase,C-2026-0002,shop,"two\nlines"\n\nord-2,2026-10-03T14:06:00Z,purchase,C-2026-0002,shop,\n');
    expect(parsed).toMatchObject({ ok: true, rows: [{ externalId: "ord-1", dedupeKey: "two\nlines" }, { externalId: "ord-2" }], lineNumbers: [2, 5] });
  });

  it("needs the required columns only, and refuses empty files", () => {
    expect(parseConversionCsv("external_id,type,contract\n")).toEqual({ ok: false, message: "The header must name the columns external_id, occurred_at, type, contract, line (missing: occurred_at, line)" });
    expect(parseConversionCsv("")).toEqual({ ok: false, message: "The file is empty" });
    expect(parseConversionCsv("external_id,occurred_at,type,contract,line\n")).toEqual({ ok: false, message: "The file has a header but no rows" });
  });
});

describe("conversionCsvColumnOf", () => {
  it("names a problem's field as the file's column", () => {
    expect(["externalId", "dedupeKey", "contract", "row", "exposures", "exposures.0.kind"].map(conversionCsvColumnOf)).toEqual(["external_id", "dedupe_key", "contract", "row", "exposures", "exposures #1 kind"]);
  });
});
