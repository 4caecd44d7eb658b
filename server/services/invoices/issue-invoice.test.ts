// Issuing on a real database: 20 concurrent issues of 20 drafts take 20 distinct, gapless numbers; the same draft
// issued twice at once is issued once and refused once; issued conversions are recorded billed with their amounts;
// advertisers see their own issued invoices only, never drafts.
import { beforeAll, describe, expect, it } from "vitest";
import { periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { Dec } from "../../domain/money";
import { fromToday, platformFee, useContractWorld } from "../../testing/contracts";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "./draft-contract-invoice";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
const period = shiftPeriod(periodOf(fromToday(0)), -1);
const drafts: string[] = [];

async function refusal(call: Promise<unknown>) {
  const error = await rejectionOf(call);
  return { appCode: clientErrorOf(error).data.appCode, message: error.message };
}

beforeAll(async () => {
  for (let i = 0; i < 21; i++) {
    const { contract } = await active({ advertiserId: i === 0 ? cast.globex.id : cast.acme.id, terms: { recurringFees: [platformFee(String(100 + i))] } });
    const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
    drafts.push((await draftContractInvoice(t.db, withTerms, period)).invoiceId);
  }
});

describe("issuing invoices", () => {
  it("gives 20 concurrent issues 20 distinct numbers with no gap", async () => {
    const issued = await Promise.all(drafts.slice(1).map((id) => as(cast.finance).invoices.issue({ id })));
    const year = new Date().getUTCFullYear();
    const numbers = issued.map((i) => i.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${year}-${String(i + 1).padStart(6, "0")}`));
    expect(await t.db.auditLog.count({ where: { action: "invoice.issued" } })).toBe(20);
  });

  it("issues the same draft once when it is issued twice at once; the other call is refused", async () => {
    const [id] = drafts;
    const outcomes = await Promise.allSettled([as(cast.finance).invoices.issue({ id }), as(cast.finance2).invoices.issue({ id })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const issued = (outcomes.find((o) => o.status === "fulfilled") as PromiseFulfilledResult<{ number: string }>).value;
    expect(issued.number).toBe(`INV-${new Date().getUTCFullYear()}-000021`);
    expect((await refusal(as(cast.finance).invoices.issue({ id })))).toEqual({ appCode: "INVOICE_NOT_DRAFT", message: `This invoice is already issued as ${issued.number}` });
  });

  it("is due its payment terms after issue, and total = Σ rounded lines", async () => {
    const invoice = await as(cast.finance).invoices.byId({ id: drafts[1] });
    expect(invoice.status).toBe("ISSUED");
    expect(invoice.dueDate).toBe(fromToday(invoice.paymentTermsDays));
    expect(invoice.total).toBe(invoice.lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0)).toFixed());
    expect(invoice.lines[0].explanation.at(-1)).toMatch(/^Exact .*, rounded once \(half-up\) to .* USD\.$/);
  });

  it("shows advertisers their own issued invoices only, and finance everything; ops may not issue", async () => {
    const acme = await as(cast.acmeUser).invoices.list({});
    expect(acme.total).toBe(20);
    expect(acme.items.every((i) => i.status === "ISSUED" && i.advertiser === cast.acme.name)).toBe(true);
    expect((await refusal(as(cast.acmeUser).invoices.byId({ id: drafts[0] }))).appCode).toBe("NOT_FOUND");
    expect((await as(cast.finance).invoices.list({ pageSize: 100 })).total).toBe(21);
    expect((await refusal(as(cast.ops).invoices.issue({ id: drafts[2] }))).appCode).toBe("FORBIDDEN");
  });
});

describe("after issue: payments and void", () => {
  it("a part payment, then the rest: partially paid, then paid; never beyond the total", async () => {
    const invoice = await as(cast.finance).invoices.byId({ id: drafts[2] });
    const half = new Dec(invoice.total).div(2).toFixed(2);
    const today = fromToday(0);
    expect(await as(cast.finance).invoices.recordPayment({ id: invoice.id, amount: half, receivedOn: today, reference: "WIRE-1" })).toMatchObject({ status: "PARTIALLY_PAID", paid: new Dec(half).toFixed() });
    expect((await as(cast.acmeUser).invoices.byId({ id: invoice.id })).balanceDue).toBe(new Dec(invoice.total).minus(half).toFixed());
    expect(await refusal(as(cast.finance).invoices.recordPayment({ id: invoice.id, amount: invoice.total, receivedOn: today, reference: "WIRE-2" }))).toMatchObject({ appCode: "INVOICE_NOT_PAYABLE", message: `More than the balance due (${new Dec(invoice.total).minus(half).toFixed()})` });
    expect(await as(cast.finance).invoices.recordPayment({ id: invoice.id, amount: new Dec(invoice.total).minus(half).toFixed(), receivedOn: today, reference: "WIRE-2" })).toMatchObject({ status: "PAID" });
    expect((await as(cast.finance).invoices.byId({ id: invoice.id })).balanceDue).toBe("0");
    await expect(t.db.$executeRaw`UPDATE invoice SET paid = total + 1 WHERE id = ${invoice.id}::uuid`).rejects.toThrow();
    await expect(t.db.$executeRaw`DELETE FROM invoice_payment WHERE invoice_id = ${invoice.id}::uuid`).rejects.toThrow(/cannot be changed or deleted/);
  });

  it("refuses a future date, a zero amount, and a payment on a draft", async () => {
    const id = drafts[3];
    expect((await refusal(as(cast.finance).invoices.recordPayment({ id, amount: "0", receivedOn: fromToday(0), reference: "WIRE-3" }))).appCode).toBe("VALIDATION_FAILED");
    expect((await refusal(as(cast.finance).invoices.recordPayment({ id, amount: "1", receivedOn: fromToday(3), reference: "WIRE-3" }))).appCode).toBe("VALIDATION_FAILED");
    const { contract } = await active({ terms: { recurringFees: [platformFee("10")] } });
    const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
    const { invoiceId } = await draftContractInvoice(t.db, withTerms, period);
    expect(await refusal(as(cast.finance).invoices.recordPayment({ id: invoiceId, amount: "1", receivedOn: fromToday(0), reference: "WIRE-4" }))).toMatchObject({ message: "Issue the invoice before recording a payment" });
  });

  it("voids an unpaid invoice with a reason, keeps its number used, and lets the period be billed again", async () => {
    const invoice = await as(cast.finance).invoices.byId({ id: drafts[4] });
    expect(await as(cast.finance).invoices.void({ id: invoice.id, reason: "Issued to the wrong entity" })).toEqual({ id: invoice.id, status: "VOID" });
    const voided = await as(cast.finance).invoices.byId({ id: invoice.id });
    expect([voided.number, voided.voidReason, voided.balanceDue]).toEqual([invoice.number, "Issued to the wrong entity", "0"]);
    const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: invoice.contract.id });
    const redrafted = await draftContractInvoice(t.db, withTerms, period);
    expect(redrafted.invoiceId).not.toBe(invoice.id);
    expect((await refusal(as(cast.finance).invoices.void({ id: drafts[2], reason: "Too late for that" }))).message).toBe("This invoice is paid");
  });
});

describe("credit notes", () => {
  it("credits part of an issued invoice with a reason and a CN number; the balance due drops", async () => {
    const invoice = await as(cast.finance).invoices.byId({ id: drafts[5] });
    const quarter = new Dec(invoice.total).div(4).toFixed(2);
    const note = await as(cast.finance).invoices.credit({ id: invoice.id, amount: quarter, reason: "DISCREPANCY", note: "Verifier counts came in lower" });
    expect(note.number).toBe(`CN-${new Date().getUTCFullYear()}-000001`);
    const after = await as(cast.acmeUser).invoices.byId({ id: invoice.id });
    expect(after.balanceDue).toBe(new Dec(invoice.total).minus(quarter).toFixed());
    expect(after.creditNotes).toMatchObject([{ number: note.number, amount: new Dec(quarter).toFixed(), reason: "Delivery discrepancy", note: "Verifier counts came in lower" }]);
    await expect(t.db.$executeRaw`UPDATE credit_note SET amount = 1 WHERE id = ${note.id}::uuid`).rejects.toThrow(/cannot be changed or deleted/);
  });

  it("never credits more than what remains creditable, even when two credits race", async () => {
    const invoice = await as(cast.finance).invoices.byId({ id: drafts[6] });
    const sixty = new Dec(invoice.total).times("0.6").toFixed(2);
    const outcomes = await Promise.allSettled([
      as(cast.finance).invoices.credit({ id: invoice.id, amount: sixty, reason: "BILLING_ERROR", note: "Wrong rate applied" }),
      as(cast.finance2).invoices.credit({ id: invoice.id, amount: sixty, reason: "BILLING_ERROR", note: "Wrong rate applied" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect((outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult).reason.message).toMatch(/^More than what remains creditable/);
    const rest = new Dec(invoice.total).minus(sixty).toFixed();
    expect(await as(cast.finance).invoices.credit({ id: invoice.id, amount: rest, reason: "BILLING_ERROR", note: "Credited in full" })).toMatchObject({ credited: invoice.total });
    expect((await as(cast.finance).invoices.byId({ id: invoice.id })).balanceDue).toBe("0");
    expect((await refusal(as(cast.finance).invoices.void({ id: invoice.id, reason: "Already credited" }))).message).toBe("Credit notes were issued on it: credit the rest instead");
    expect((await refusal(as(cast.acmeUser).invoices.credit({ id: invoice.id, amount: "1", reason: "GOODWILL", note: "Please" }))).appCode).toBe("FORBIDDEN");
  });
});
