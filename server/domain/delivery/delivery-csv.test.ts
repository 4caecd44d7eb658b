import { describe, expect, it } from "vitest";
import { DELIVERY_CSV_EXAMPLE, parseCsvRecords, parseDeliveryCsv } from "./delivery-csv";

describe("parseCsvRecords", () => {
  it("handles quotes, doubled quotes, commas and newlines inside quotes, CRLF and a missing final newline", () => {
    expect(parseCsvRecords('a,"b,c","say ""hi"""\r\n"multi\nline",2')).toEqual([
      { fields: ["a", "b,c", 'say "hi"'], line: 1 },
      { fields: ["multi\nline", "2"], line: 2 },
    ]);
  });

  it("skips blank lines but keeps the file's line numbers", () => {
    expect(parseCsvRecords("h\n\nx\n")).toEqual([
      { fields: ["h"], line: 1 },
      { fields: ["x"], line: 3 },
    ]);
  });
});

describe("parseDeliveryCsv", () => {
  it("maps columns by header name, in any order, with their line numbers", () => {
    const parsed = parseDeliveryCsv("\uFEFFImpressions,source,line,contract,date\n100,first_party,sports,C-2026-0001,2026-10-01\n");
    expect(parsed).toEqual({ ok: true, rows: [{ date: "2026-10-01", contract: "C-2026-0001", line: "sports", source: "first_party", impressions: "100" }], lineNumbers: [2] });
  });

  it("parses its own example", () => {
    expect(parseDeliveryCsv(DELIVERY_CSV_EXAMPLE)).toMatchObject({ ok: true, rows: [{ contract: "C-2026-0001" }] });
  });

  it("names missing columns, and refuses empty files", () => {
    expect(parseDeliveryCsv("date,contract,line\n")).toEqual({ ok: false, message: "The header must name the columns date, contract, line, source, impressions (missing: source, impressions)" });
    expect(parseDeliveryCsv("")).toEqual({ ok: false, message: "The file is empty" });
    expect(parseDeliveryCsv("date,contract,line,source,impressions\n")).toEqual({ ok: false, message: "The file has a header but no rows" });
  });

  it("leaves short rows' missing fields empty, for the batch check to report", () => {
    expect(parseDeliveryCsv("date,contract,line,source,impressions\n2026-10-01,C-1\n")).toMatchObject({ ok: true, rows: [{ date: "2026-10-01", contract: "C-1", line: "", source: "", impressions: "" }] });
  });
});
