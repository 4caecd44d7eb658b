// Refunds on a real database: an invoice paid in full and then credited owes the advertiser the credit back; finance
// records refunds of it (in parts, never beyond it, never where nothing is owed back), each audited; the advertiser
// sees them; two clicks on the same refund record one; revenue by month counts them as cash given back.
import { beforeAll, describe, expect, it } from "vitest";
import { periodBounds, periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { contractHeader, fromToday, platformFee, useContractWorld } from "../../testing/contracts";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "./draft-contract-invoice";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
const period = shiftPeriod(periodOf(fromToday(0)), -1);

/** Last month's invoice of a contract billing a monthly platform fee of 1,000, issued and paid in full. */
async function paidInvoice() {
  const { contract } = await active({ header: contractHeader({ termStart: periodBounds(period).from }), terms: { recurringFees: [platformFee("1000")] } });
  const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
  const { invoiceId } = await draftContractInvoice(t.db, withTerms, period);
  await as(cast.finance).invoices.issue({ id: invoiceId });
  await as(cast.finance).invoices.recordPayment({ id: invoiceId, amount: "1000", receivedOn: fromToday(0), reference: "WIRE-1000" });
  return invoiceId;
}

/** How a refused call reaches the client: its message, domain code and field messages. */
async function refused(call: Promise<unknown>) {
  const shape = clientErrorOf(await rejectionOf(call));
  return { message: shape.message, code: shape.data.appCode ?? shape.data.code, fieldErrors: shape.data.fieldErrors };
}

let id: string;
beforeAll(async () => {
  id = await paidInvoice();
});

describe("refunds", () => {
  it("owes back what a credit note on a paid invoice leaves paid beyond the total", async () => {
    await as(cast.finance).invoices.credit({ id, amount: "300", reason: "SERVICE_ISSUE", note: "Outage on 3 and 4 of the month" });
    expect(await as(cast.finance).invoices.byId({ id })).toMatchObject({ status: "PAID", paid: "1000", credited: "300", refunded: "0", balanceDue: "0", refundDue: "300" });
  });

  it("records refunds in parts up to what is owed back, audited, and refuses one beyond it naming the field", async () => {
    await expect(as(cast.finance).invoices.recordRefund({ id, amount: "120", paidOn: fromToday(0), reference: "REFUND-1" })).resolves.toEqual({ id, status: "PAID", refunded: "120" });
    const beyond = await refused(as(cast.finance).invoices.recordRefund({ id, amount: "180.01", paidOn: fromToday(0), reference: "REFUND-2" }));
    expect(beyond).toMatchObject({ code: "INVOICE_NOT_PAYABLE", fieldErrors: { amount: ["More than is owed back (180)"] } });
    await as(cast.finance).invoices.recordRefund({ id, amount: "180", paidOn: fromToday(0), reference: "REFUND-2" });
    const invoice = await as(cast.finance).invoices.byId({ id });
    expect(invoice).toMatchObject({ refunded: "300", refundDue: "0", balanceDue: "0" });
    expect(invoice.refunds.map((r) => [r.amount, r.reference])).toEqual([
      ["120", "REFUND-1"],
      ["180", "REFUND-2"],
    ]);
    expect(invoice.payments.map((p) => [p.amount, p.reference])).toEqual([["1000", "WIRE-1000"]]);
    expect(await t.db.auditLog.count({ where: { action: "invoice.refundRecorded", entityId: id } })).toBe(2);
    // The advertiser sees what it was sent back.
    expect((await as(cast.acmeUser).invoices.byId({ id })).refunds).toHaveLength(2);
  });

  it("refuses a refund where nothing is owed back, a date in the future, a short reference and an amount finer than cents", async () => {
    const other = await paidInvoice();
    expect(await refused(as(cast.finance).invoices.recordRefund({ id: other, amount: "1", paidOn: fromToday(0), reference: "REFUND-X" }))).toMatchObject({
      code: "INVOICE_NOT_PAYABLE",
      message: "Nothing is owed back on it: the advertiser has not paid more than it asks",
    });
    const invalid = await refused(as(cast.finance).invoices.recordRefund({ id: other, amount: "1", paidOn: fromToday(1), reference: "R" }));
    expect(invalid.fieldErrors).toMatchObject({ paidOn: ["Not in the future"], reference: ["Give the transfer's reference (at least 3 characters)"] });
    await as(cast.finance).invoices.credit({ id: other, amount: "10", reason: "GOODWILL", note: "Goodwill for the delay" });
    expect(await refused(as(cast.finance).invoices.recordRefund({ id: other, amount: "0.001", paidOn: fromToday(0), reference: "REFUND-Y" }))).toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await as(cast.finance).invoices.byId({ id: other })).refunded).toBe("0");
  });

  it("records one refund when the same one is sent twice at once: the second finds nothing left owed back", async () => {
    const other = await paidInvoice();
    await as(cast.finance).invoices.credit({ id: other, amount: "50", reason: "BILLING_ERROR", note: "Fee charged twice for a day" });
    const results = await Promise.allSettled([0, 1].map(() => as(cast.finance).invoices.recordRefund({ id: other, amount: "50", paidOn: fromToday(0), reference: "REFUND-50" })));
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await t.db.invoiceRefund.count({ where: { invoiceId: other } })).toBe(1);
  });

  it("is not for advertisers or ops", async () => {
    for (const user of [cast.acmeUser, cast.ops]) expect(await refused(as(user).invoices.recordRefund({ id, amount: "1", paidOn: fromToday(0), reference: "REFUND-Z" }))).toMatchObject({ code: "FORBIDDEN" });
  });

  it("counts as cash given back in revenue by month: collected is what was received less what was refunded", async () => {
    // Three invoices paid 1,000 each this month; 300 and 50 refunded.
    const { currencies } = await as(cast.finance).reports.revenueByMonth({ months: 1 });
    expect(currencies.find((c) => c.currency === "USD")!.months.at(-1)).toMatchObject({ collected: "2650" });
  });
});
