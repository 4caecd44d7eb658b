// Conversion CSV files, parsed in the browser before upload (and in tests) with delivery's reader: RFC 4180 quoting,
// a header naming the columns in any order. Each line becomes the row the API takes: empty cells are left out (so
// optional fields stay unset), new_customer and exposures are turned into their JSON shapes, and anything else is
// passed on as written, for the batch check to report with the file's line number.
import { parseCsvTable } from "../delivery/delivery-csv";
import type { RawConversionRow } from "./conversion-batch";

/** CSV column → the row field the API names it. */
const FIELD_OF_COLUMN = {
  external_id: "externalId",
  occurred_at: "occurredAt",
  type: "type",
  contract: "contract",
  line: "line",
  value: "value",
  currency: "currency",
  geography: "geography",
  new_customer: "newCustomer",
  partner: "partner",
  dedupe_key: "dedupeKey",
  exposures: "exposures",
} as const;
type Column = keyof typeof FIELD_OF_COLUMN;

export const CONVERSION_CSV_REQUIRED_COLUMNS = ["external_id", "occurred_at", "type", "contract", "line"] as const satisfies readonly Column[];
export const CONVERSION_CSV_OPTIONAL_COLUMNS = ["value", "currency", "geography", "new_customer", "partner", "dedupe_key", "exposures"] as const satisfies readonly Column[];

export const CONVERSION_CSV_EXAMPLE =
  "external_id,occurred_at,type,contract,line,value,currency,geography,new_customer,partner,dedupe_key,exposures\n" +
  "ord-1001,2026-10-03T14:05:00Z,purchase,C-2026-0002,shop,80.00,USD,DE,true,acme-affiliates,order-1001,click@2026-10-03T12:00:00Z;view@2026-10-02T08:00:00Z\n";

export type ConversionCsvParse = { ok: true; rows: RawConversionRow[]; /** file line number of each row (the header is line 1) */ lineNumbers: number[] } | { ok: false; message: string };

/** "true"/"false" in any case; anything else is passed on for the check to refuse. */
function newCustomerOf(cell: string): boolean | string {
  const word = cell.toLowerCase();
  return word === "true" ? true : word === "false" ? false : cell;
}

/** `click@2026-10-03T12:00:00Z;view@2026-10-02T08:00:00Z` → [{ kind: "click", at: … }, { kind: "view", at: … }]. */
function exposuresOf(cell: string): { kind: string; at?: string }[] {
  return cell
    .split(";")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf("@");
      return at < 0 ? { kind: part } : { kind: part.slice(0, at).trim(), at: part.slice(at + 1).trim() };
    });
}

function conversionRowOf(record: Record<Column, string>): RawConversionRow {
  const row: RawConversionRow = {};
  for (const [column, field] of Object.entries(FIELD_OF_COLUMN) as [Column, string][]) {
    const cell = record[column].trim();
    if (cell === "") continue;
    row[field] = column === "new_customer" ? newCustomerOf(cell) : column === "exposures" ? exposuresOf(cell) : cell;
  }
  return row;
}

export function parseConversionCsv(text: string): ConversionCsvParse {
  const table = parseCsvTable<Column>(text, CONVERSION_CSV_REQUIRED_COLUMNS, CONVERSION_CSV_OPTIONAL_COLUMNS);
  return table.ok ? { ok: true, rows: table.rows.map(conversionRowOf), lineNumbers: table.lineNumbers } : table;
}

const COLUMN_OF_FIELD = new Map<string, string>(Object.entries(FIELD_OF_COLUMN).map(([column, field]) => [field, column]));

/** A problem's field as the file names it: "externalId" → "external_id", "exposures.1.at" → "exposures #2 at". */
export function conversionCsvColumnOf(field: string): string {
  const [head, index, ...rest] = field.split(".");
  const column = COLUMN_OF_FIELD.get(head) ?? head;
  if (index === undefined) return column;
  return /^\d+$/.test(index) ? [`${column} #${Number(index) + 1}`, ...rest].join(" ") : [column, index, ...rest].join(".");
}
