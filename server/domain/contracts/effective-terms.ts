// Which terms are in force on a day, and the timeline of terms over a period. Billing prices each slice of a
// period with the terms in force during that slice, so an amendment effective mid-month splits the month.
import { addDays, maxDate, minDate } from "./dates";
import type { IsoDate } from "./terms";

export interface ApprovedVersion<T = unknown> {
  id: string;
  number: number;
  effectiveFrom: IsoDate;
  terms: T;
}

export interface ContractTerm {
  start: IsoDate;
  /** Last day of the term (inclusive), extended by approved renewals. */
  end: IsoDate;
  /** Last day in force when terminated early (inclusive). */
  terminatedOn?: IsoDate | null;
}

export interface TermsSlice<T = unknown> {
  from: IsoDate;
  to: IsoDate;
  version: ApprovedVersion<T>;
}

/** The last day any terms are in force: the term's end, or the termination date if earlier. */
export const lastDayInForce = (term: ContractTerm): IsoDate => (term.terminatedOn ? minDate(term.end, term.terminatedOn) : term.end);

/** Approved versions in the order they take effect; on the same day the later version number wins. */
function byEffectiveDate<T>(versions: readonly ApprovedVersion<T>[]) {
  return [...versions].sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? a.number - b.number : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
}

export function termsInForceOn<T>(versions: readonly ApprovedVersion<T>[], term: ContractTerm, day: IsoDate): ApprovedVersion<T> | null {
  if (day < term.start || day > lastDayInForce(term)) return null;
  let inForce: ApprovedVersion<T> | null = null;
  for (const v of byEffectiveDate(versions)) if (v.effectiveFrom <= day) inForce = v;
  return inForce;
}

/**
 * The period [from, to] (inclusive) cut into slices, each governed by one version. Days outside the term, or before
 * the first version takes effect, belong to no slice.
 */
export function termsTimeline<T>(versions: readonly ApprovedVersion<T>[], term: ContractTerm, period: { from: IsoDate; to: IsoDate }): TermsSlice<T>[] {
  const start = maxDate(period.from, term.start);
  const end = minDate(period.to, lastDayInForce(term));
  if (start > end) return [];
  const ordered = byEffectiveDate(versions);
  const slices: TermsSlice<T>[] = [];
  ordered.forEach((version, i) => {
    // A version governs until the day before the next one (by effective date) takes over.
    const next = ordered.slice(i + 1).find((v) => v.effectiveFrom > version.effectiveFrom);
    const governsTo = next ? addDays(next.effectiveFrom, -1) : end;
    const sameDaySuccessor = ordered.slice(i + 1).some((v) => v.effectiveFrom === version.effectiveFrom);
    if (sameDaySuccessor) return;
    const from = maxDate(start, version.effectiveFrom);
    const to = minDate(end, governsTo);
    if (from <= to) slices.push({ from, to, version });
  });
  return slices;
}
