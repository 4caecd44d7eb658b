// Delivery CSV files, parsed in the browser before upload (and in tests): RFC 4180 quoting, a header naming the
// columns in any order, one delivery row per line. Shape problems of single rows are left to the batch check, so
// the person sees every problem of the file in one report with its line number. The reader itself (records, header)
// is generic: conversion files use it too.

export const DELIVERY_CSV_COLUMNS = ["date", "contract", "line", "source", "impressions"] as const;

export const DELIVERY_CSV_EXAMPLE = "date,contract,line,source,impressions\n2026-10-01,C-2026-0001,sports,first_party,125000\n";

export type CsvTable<C extends string> =
  | { ok: true; rows: Record<C, string>[]; /** file line number of each row (the header is line 1) */ lineNumbers: number[] }
  | { ok: false; message: string };

export type CsvParse = CsvTable<(typeof DELIVERY_CSV_COLUMNS)[number]>;

/** Splits CSV text into records of fields; quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsvRecords(text: string): { fields: string[]; line: number }[] {
  const records: { fields: string[]; line: number }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === "")) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === ",") fields.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      recordLine = ++line;
    } else field += c;
  }
  if (field !== "" || fields.length > 0) endRecord();
  return records;
}

/**
 * A CSV file whose header names the columns in any order (other columns are ignored): each row as a record of
 * `required` and `optional` columns (empty when a short row or the header lacks them), with its file line number.
 */
export function parseCsvTable<C extends string>(text: string, required: readonly C[], optional: readonly C[] = []): CsvTable<C> {
  const records = parseCsvRecords(text.replace(/^\uFEFF/, ""));
  if (records.length === 0) return { ok: false, message: "The file is empty" };
  const header = records[0].fields.map((h) => h.trim().toLowerCase());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, message: `The header must name the columns ${required.join(", ")} (missing: ${missing.join(", ")})` };
  if (records.length === 1) return { ok: false, message: "The file has a header but no rows" };
  const columns = [...required, ...optional];
  const rows = records.slice(1).map(({ fields }) => Object.fromEntries(columns.map((c) => [c, fields[header.indexOf(c)] ?? ""])) as Record<C, string>);
  return { ok: true, rows, lineNumbers: records.slice(1).map((r) => r.line) };
}

export const parseDeliveryCsv = (text: string): CsvParse => parseCsvTable(text, DELIVERY_CSV_COLUMNS);
