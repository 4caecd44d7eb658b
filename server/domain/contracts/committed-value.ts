// The value a version commits the advertiser to over the term: recurring fees and minimum commitments, or its
// lifetime budget caps when those are larger. Finance's second-approver rule compares it with a threshold.
import { Dec } from "../money";
import { addDays, addMonths, daysInclusive, daysInMonth } from "./dates";
import type { ContractTerms, IsoDate } from "./terms";

/** Calendar months from `start` to `end` (inclusive), partial months counted by days: Jan 1–Mar 15 = 2 + 15/31. */
export function monthsInTerm(start: IsoDate, end: IsoDate): Dec {
  // Whole months are counted from `start` each time, never from the previous step: Jan 31 + 2 months is Mar 31,
  // while stepping Jan 31 → Feb 28 → Mar 28 would drift and split the twelfth month of a year-long term.
  let whole = 0;
  while (addDays(addMonths(start, whole + 1), -1) <= end) whole++;
  const cursor = addMonths(start, whole);
  if (cursor > end) return new Dec(whole);
  return new Dec(whole).plus(new Dec(daysInclusive(cursor, end)).div(daysInMonth(cursor)));
}

const PERIOD_MONTHS = { MONTHLY: 1, QUARTERLY: 3 } as const;

export function committedValue(terms: ContractTerms, term: { start: IsoDate; end: IsoDate }): Dec {
  const months = monthsInTerm(term.start, term.end);
  const fees = terms.recurringFees.reduce((sum, fee) => {
    if (fee.frequency === "ONE_OFF") return sum.plus(fee.amount);
    const feeMonths = monthsInTerm(fee.startDate && fee.startDate > term.start ? fee.startDate : term.start, fee.endDate && fee.endDate < term.end ? fee.endDate : term.end);
    return sum.plus(new Dec(fee.amount).times(feeMonths));
  }, new Dec(0));
  const commitments = terms.cpmLines.reduce((sum, line) => {
    const c = line.minimumCommitment;
    if (!c) return sum;
    return sum.plus(c.period === "TERM" ? new Dec(c.amount) : new Dec(c.amount).times(months).div(PERIOD_MONTHS[c.period]));
  }, new Dec(0));
  const budgets = terms.cpmLines.reduce((sum, line) => (line.lifetimeBudget ? sum.plus(line.lifetimeBudget) : sum), new Dec(0));
  return Dec.max(fees.plus(commitments), budgets);
}
