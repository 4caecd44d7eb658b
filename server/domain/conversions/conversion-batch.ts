// A conversions batch, checked before anything is written, like a delivery batch: each row's shape, then what it
// refers to (an active contract the sender may report for, a CPA line in the terms in force that day, the
// contract's currency, a time not in the future), then external ids repeated inside the batch. Every problem is
// answered as { row, field, message }; the batch is all or nothing. Pure: the service loads the contracts.
import { z } from "zod";
import { termsInForceOn, lastDayInForce, type ApprovedVersion, type ContractTerm } from "../contracts/effective-terms";
import type { ContractTerms, IsoDate } from "../contracts/terms";
import { ZCurrency, ZDecimal, Dec } from "../money";

/** Contract numbers a batch mentions (rows of every ingestion name their contract the same way). */
export { contractNumbersIn } from "../delivery/delivery-batch";

export const MAX_CONVERSION_BATCH_ROWS = 10_000;
export const MAX_REPORTED_CONVERSION_PROBLEMS = 500;

export type RawConversionRow = Record<string, unknown>;

/** An instant with its offset, as feeds send them: "2026-10-03T14:05:00Z", "2026-10-03T16:05:00.250+02:00". */
const ZInstant = z
  .string({ error: "A time is required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, { message: "Use an ISO time with its offset, e.g. 2026-10-03T14:05:00Z", abort: true })
  .refine((t) => !Number.isNaN(Date.parse(t)), "Not a real time")
  .transform((t) => new Date(t).toISOString());

const ZExposure = z.object({
  kind: z.string({ error: "Use click or view" }).trim().toLowerCase().pipe(z.enum(["click", "view"], { error: "Use click or view" })),
  at: ZInstant,
});

export const ZConversionRow = z.object({
  externalId: z.string({ error: "An external id is required" }).trim().min(1, "An external id is required").max(100, "At most 100 characters"),
  occurredAt: ZInstant,
  type: z.string({ error: "A conversion type is required" }).trim().min(1, "A conversion type is required").max(40).toLowerCase(),
  contract: z.string({ error: "Contract number is required" }).trim().min(1, "Contract number is required").toUpperCase(),
  line: z.string({ error: "Line key is required" }).trim().min(1, "Line key is required"),
  value: ZDecimal.refine((v) => !new Dec(v).isNegative(), "Must be zero or more").nullable().default(null),
  currency: ZCurrency.nullable().default(null),
  geography: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "A two-letter country code").nullable().default(null),
  newCustomer: z.boolean({ error: "true or false" }).nullable().default(null),
  partner: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "A partner key: lower-case letters, digits and dashes").nullable().default(null),
  dedupeKey: z.string().trim().min(1).max(200).nullable().default(null),
  exposures: z.array(ZExposure).max(100, "At most 100 exposures per conversion").default([]),
});
export type ConversionRow = z.infer<typeof ZConversionRow>;

export interface ConversionProblem {
  row: number;
  field: string;
  message: string;
}

/** A contract rows may report for, as the sender may see it. */
export interface ConversionContract {
  id: string;
  number: string;
  advertiserId: string;
  currency: string;
  status: string;
  term: ContractTerm;
  versions: ApprovedVersion<ContractTerms>[];
}

export type ParsedConversionRow = ReturnType<typeof ZConversionRow.safeParse>;
export const parseConversionRows = (raw: readonly RawConversionRow[]): ParsedConversionRow[] => raw.map((r) => ZConversionRow.safeParse(r));

export type CheckedConversion = ConversionRow & { contractId: string; advertiserId: string; day: IsoDate };

export type ConversionBatchCheck = { ok: true; rows: CheckedConversion[] } | { ok: false; problems: ConversionProblem[]; problemCount: number };

function referenceProblem(row: ConversionRow, contract: ConversionContract | undefined, now: Date): Omit<ConversionProblem, "row"> | null {
  if (!contract) return { field: "contract", message: `Unknown contract ${row.contract}` };
  if (contract.status !== "ACTIVE") return { field: "contract", message: `${row.contract} is not active (${contract.status.toLowerCase()})` };
  if (Date.parse(row.occurredAt) > now.getTime()) return { field: "occurredAt", message: `${row.occurredAt} is in the future` };
  const day = row.occurredAt.slice(0, 10);
  const last = lastDayInForce(contract.term);
  if (day < contract.term.start || day > last) return { field: "occurredAt", message: `${day} is outside the contract's term (${contract.term.start} to ${last})` };
  const inForce = termsInForceOn(contract.versions, contract.term, day);
  if (!inForce?.terms.cpaLines.some((l) => l.key === row.line)) {
    const everKnown = contract.versions.some((v) => v.terms.cpaLines.some((l) => l.key === row.line));
    return { field: "line", message: everKnown ? `Line “${row.line}” is not in the terms in force on ${day}` : `${row.contract} has no CPA line “${row.line}”` };
  }
  if (row.value !== null && row.currency === null) return { field: "currency", message: `Give the value's currency (${contract.currency})` };
  if (row.currency !== null && row.currency !== contract.currency) return { field: "currency", message: `Values must be in ${contract.currency}, the contract's currency` };
  return null;
}

export function checkConversionBatch(parsedRows: readonly ParsedConversionRow[], contracts: ReadonlyMap<string, ConversionContract>, now: Date): ConversionBatchCheck {
  const problems: ConversionProblem[] = [];
  const rows: CheckedConversion[] = [];
  const firstRowOfId = new Map<string, number>();
  parsedRows.forEach((parsed, i) => {
    const rowNumber = i + 1;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ row: rowNumber, field: issue.path.length ? issue.path.join(".") : "row", message: issue.message });
      return;
    }
    const row = parsed.data;
    const contract = contracts.get(row.contract);
    const problem = referenceProblem(row, contract, now);
    if (problem) return problems.push({ row: rowNumber, ...problem });
    const key = `${contract!.advertiserId}\u0000${row.externalId}`;
    const first = firstRowOfId.get(key);
    if (first !== undefined) return problems.push({ row: rowNumber, field: "externalId", message: `Same external id as row ${first}` });
    firstRowOfId.set(key, rowNumber);
    rows.push({ ...row, contractId: contract!.id, advertiserId: contract!.advertiserId, day: row.occurredAt.slice(0, 10) });
  });
  if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_REPORTED_CONVERSION_PROBLEMS), problemCount: problems.length };
  return { ok: true, rows };
}
