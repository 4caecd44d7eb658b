// The dry run of a conversions batch: the checks ingestConversions makes before writing, answered without writing,
// so a CSV file can be checked whole before any chunk of it is imported. External ids received before are not
// problems (the import recognises them), so they are not reported here either.
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { checkConversionBatch, contractNumbersIn, parseConversionRows, type ConversionContract, type RawConversionRow } from "../../domain/conversions/conversion-batch";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";

/** The contracts a batch names that the sender may report for, by number (the one lookup ingestion uses too). */
export async function loadConversionContracts(db: Db, ctx: RequestContext, rows: readonly RawConversionRow[]) {
  const contracts = await findContractsWithTerms(db, ctx.actor, { number: { in: contractNumbersIn(rows) } });
  return new Map<string, ConversionContract>(contracts.map((c) => [c.number, c]));
}

export async function checkConversions(db: Db, ctx: RequestContext, rows: readonly RawConversionRow[]) {
  const check = checkConversionBatch(parseConversionRows(rows), await loadConversionContracts(db, ctx, rows), new Date());
  return check.ok ? { rows: check.rows.length, problems: [], problemCount: 0 } : { rows: rows.length, problems: check.problems, problemCount: check.problemCount };
}
