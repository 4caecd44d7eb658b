// Finance's work on a draft before issue, on a real database: manual lines (with reason, flag and explanation, kept
// when the draft is priced again, removable), regenerating, refusals that change nothing, two edits at once; and
// writing off an issued invoice as uncollectible.
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

async function refusal(call: Promise<unknown>) {
  const error = await rejectionOf(call);
  const data = clientErrorOf(error).data;
  return { appCode: data.appCode, message: error.message, fieldErrors: data.fieldErrors };
}

/** A fresh draft of a contract billing a platform fee of `fee` a month. */
async function draft(fee: string) {
  const { contract } = await active({ terms: { recurringFees: [platformFee(fee)] } });
  const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
  return (await draftContractInvoice(t.db, withTerms, period)).invoiceId;
}

const finance = () => as(cast.finance).invoices;
const linesOf = async (id: string) => (await finance().byId({ id })).lines.map((l) => ({ kind: l.kind, description: l.description, amount: l.amount }));

describe("manual lines on a draft", () => {
  let id: string;
  /** The priced fee (prorated when the contract started during the month): manual lines come on top of it. */
  let fee: Dec;
  const plusFee = (amount: string) => fee.plus(amount).toFixed(2);
  beforeAll(async () => {
    id = await draft("1000");
    fee = new Dec((await finance().byId({ id })).total);
  });

  it("adds a line with its reason: the total includes it, the draft is flagged, Explain tells who and why", async () => {
    expect(await finance().addManualLine({ id, description: "Goodwill discount", amount: "-150.5", reason: "Outage on 12 October, agreed with the client" })).toEqual({ id, total: plusFee("-150.5"), lineCount: 2, flagCount: 1 });
    const invoice = await finance().byId({ id });
    expect(invoice.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["RECURRING_FEE", fee.toFixed(2)],
      ["MANUAL", "-150.5"],
    ]);
    expect(invoice.flags).toEqual([{ kind: "MANUAL_LINE", message: "Manual line “Goodwill discount” (-150.50 USD) added by finance@tally.test: Outage on 12 October, agreed with the client" }]);
    expect(invoice.lines[1].explanation[0]).toMatch(/^Added by hand by finance@tally.test on \d{4}-\d{2}-\d{2}: Outage on 12 October, agreed with the client$/);
    expect(await t.db.auditLog.count({ where: { action: "invoice.manualLineAdded", entityId: id } })).toBe(1);
  });

  it("keeps manual lines (same line) when the draft is regenerated or redrafted by a run, and writes the same draft again", async () => {
    const before = await finance().byId({ id });
    expect(await finance().regenerate({ id })).toEqual({ id, total: plusFee("-150.5"), lineCount: 2, flagCount: 1 });
    const contract = (await findContractsWithTerms(t.db, cast.finance, { id: before.contract.id }))[0];
    await draftContractInvoice(t.db, contract, period, undefined);
    const after = await finance().byId({ id });
    expect(after.lines.map(({ id: lineId, key, kind, amount, description }) => ({ lineId, key, kind, amount, description }))).toEqual(
      before.lines.map(({ id: lineId, key, kind, amount, description }) => ({ lineId: kind === "MANUAL" ? lineId : expect.any(String), key, kind, amount, description })),
    );
    expect([after.total, after.flags]).toEqual([before.total, before.flags]);
    expect(await t.db.auditLog.count({ where: { action: "invoice.regenerated", entityId: id } })).toBe(1);
  });

  it("refuses an amount finer than the currency, zero, a short reason — and changes nothing", async () => {
    const before = await linesOf(id);
    expect(await refusal(finance().addManualLine({ id, description: "Set-up", amount: "10.005", reason: "Agreed by email" }))).toMatchObject({ appCode: "VALIDATION_FAILED", fieldErrors: { amount: ["USD amounts have at most 2 decimals"] } });
    expect((await refusal(finance().addManualLine({ id, description: "Set-up", amount: "0", reason: "Agreed by email" }))).fieldErrors).toEqual({ amount: ["Must not be zero (negative for a discount)"] });
    expect((await refusal(finance().addManualLine({ id, description: "S", amount: "12", reason: "why" }))).fieldErrors).toEqual({
      description: ["Describe the line (at least 3 characters)"],
      reason: ["Say why it is added by hand (at least 5 characters)"],
    });
    expect(await linesOf(id)).toEqual(before);
  });

  it("takes two lines added at once one after the other: both are on the draft and in its total", async () => {
    await Promise.all([
      finance().addManualLine({ id, description: "Creative rework", amount: "200", reason: "Requested by the client" }),
      as(cast.finance2).invoices.addManualLine({ id, description: "Rush fee", amount: "50.25", reason: "Launch moved up a week" }),
    ]);
    const invoice = await finance().byId({ id });
    expect(invoice.lines.filter((l) => l.kind === "MANUAL").map((l) => l.description).sort()).toEqual(["Creative rework", "Goodwill discount", "Rush fee"]);
    expect(invoice.total).toBe(plusFee("99.75"));
    expect(invoice.total).toBe(invoice.lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0)).toFixed(2));
  });

  it("removes a manual line (never a priced one); advertisers and ops may not edit", async () => {
    const invoice = await finance().byId({ id });
    const rush = invoice.lines.find((l) => l.description === "Rush fee")!;
    expect(await finance().removeManualLine({ id, lineId: rush.id })).toMatchObject({ total: plusFee("49.5"), lineCount: 3 });
    // Priced lines are written again with every redraft: their ids change, manual lines keep theirs.
    const fee = (await finance().byId({ id })).lines.find((l) => l.kind === "RECURRING_FEE")!;
    expect(await refusal(finance().removeManualLine({ id, lineId: fee.id }))).toMatchObject({ appCode: "INVOICE_NOT_DRAFT", message: "Only manual lines can be removed: priced lines come from the terms and the data" });
    expect((await refusal(finance().removeManualLine({ id, lineId: rush.id }))).appCode).toBe("NOT_FOUND");
    expect((await refusal(as(cast.ops).invoices.addManualLine({ id, description: "Extra", amount: "1", reason: "Because" }))).appCode).toBe("FORBIDDEN");
    expect((await refusal(as(cast.acmeUser).invoices.regenerate({ id }))).appCode).toBe("FORBIDDEN");
  });

  it("refuses to edit or regenerate an issued invoice", async () => {
    await finance().issue({ id });
    const issued = await finance().byId({ id });
    expect(await refusal(finance().addManualLine({ id, description: "Late fee", amount: "10", reason: "Paid late last month" }))).toMatchObject({ appCode: "INVOICE_NOT_DRAFT", message: "Only a draft can be changed: correct an issued invoice with a credit note" });
    expect((await refusal(finance().regenerate({ id }))).appCode).toBe("INVOICE_NOT_DRAFT");
    expect((await finance().byId({ id })).lines).toEqual(issued.lines);
  });
});

describe("uncollectible", () => {
  it("writes off a partly paid invoice with a reason: final, nothing due, no payment afterwards, the database holds it", async () => {
    const id = await draft("400");
    await finance().issue({ id });
    await finance().recordPayment({ id, amount: "100", receivedOn: fromToday(0), reference: "WIRE-9" });
    expect(await finance().markUncollectible({ id, reason: "Advertiser insolvent, claim filed" })).toEqual({ id, status: "UNCOLLECTIBLE" });
    const invoice = await as(cast.acmeUser).invoices.byId({ id });
    expect([invoice.status, invoice.balanceDue, invoice.uncollectibleReason, invoice.paid]).toEqual(["UNCOLLECTIBLE", "0", "Advertiser insolvent, claim filed", "100"]);
    expect((await refusal(finance().recordPayment({ id, amount: "1", receivedOn: fromToday(0), reference: "WIRE-10" }))).message).toBe("This invoice is uncollectible");
    expect((await refusal(finance().markUncollectible({ id, reason: "Once more please" }))).message).toBe("This invoice is uncollectible");
    await expect(t.db.$executeRaw`UPDATE invoice SET status = 'ISSUED' WHERE id = ${id}::uuid`).rejects.toThrow(/its status is final/);
    expect(await t.db.auditLog.count({ where: { action: "invoice.markedUncollectible", entityId: id } })).toBe(1);
  });

  it("refuses a draft, a short reason, and people without the settle permission", async () => {
    const id = await draft("300");
    expect((await refusal(finance().markUncollectible({ id, reason: "Never paying" }))).message).toBe("Issue the invoice first");
    expect((await refusal(finance().markUncollectible({ id, reason: "no" }))).fieldErrors).toEqual({ reason: ["Say why (at least 5 characters)"] });
    expect((await refusal(as(cast.ops).invoices.markUncollectible({ id, reason: "Never paying" }))).appCode).toBe("FORBIDDEN");
  });
});
