// Invoice documents on a real database: finance downloads drafts, advertisers their own issued invoices, and an
// advertiser asking for anyone else's invoice or for a draft is told it does not exist.
import { beforeAll, describe, expect, it } from "vitest";
import { periodBounds, periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { contractHeader, fromToday, platformFee, useContractWorld } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { draftContractInvoice } from "./draft-contract-invoice";
import { invoiceDocument } from "./invoice-documents";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
const period = shiftPeriod(periodOf(fromToday(0)), -1);
const invoices = { acmeDraft: "", acmeIssued: "", globexIssued: "" };

/** A draft for last month of a contract billing a monthly platform fee, in force for the whole month. */
async function draftFor(advertiserId: string, fee: string) {
  const { contract } = await active({ advertiserId, header: contractHeader({ termStart: periodBounds(period).from }), terms: { recurringFees: [platformFee(fee)] } });
  const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
  return (await draftContractInvoice(t.db, withTerms, period)).invoiceId;
}

beforeAll(async () => {
  invoices.acmeDraft = await draftFor(cast.acme.id, "1000");
  invoices.acmeIssued = await draftFor(cast.acme.id, "1234.5");
  invoices.globexIssued = await draftFor(cast.globex.id, "500");
  await as(cast.finance).invoices.issue({ id: invoices.acmeIssued });
  await as(cast.finance).invoices.issue({ id: invoices.globexIssued });
  await as(cast.finance).invoices.recordPayment({ id: invoices.acmeIssued, amount: "234.50", receivedOn: fromToday(0), reference: "WIRE-1" });
});

describe("invoice documents", () => {
  it("gives finance a PDF of a draft, named after its contract and period", async () => {
    const { contract } = await as(cast.finance).invoices.byId({ id: invoices.acmeDraft });
    const file = await invoiceDocument(t.db, cast.finance, invoices.acmeDraft, "pdf");
    expect([file.fileName, file.contentType]).toEqual([`DRAFT-${contract.number}-${period}.pdf`, "application/pdf"]);
    expect(file.body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(file.body.length).toBeGreaterThan(2048);
  });

  it("gives an advertiser the CSV of its own issued invoice, with its totals, payments and balance", async () => {
    const { number } = await as(cast.finance).invoices.byId({ id: invoices.acmeIssued });
    const file = await invoiceDocument(t.db, cast.acmeUser, invoices.acmeIssued, "csv");
    expect([file.fileName, file.contentType]).toEqual([`${number}.csv`, "text/csv; charset=utf-8"]);
    const text = file.body.toString("utf8");
    expect(text.startsWith("\uFEFFkey,kind,description,quantity,unrounded,amount,currency\r\n")).toBe(true);
    const rows = text.trimEnd().split("\r\n");
    // The description ("Platform fee — 1–30 Nov, 30/30 days (v1)") has a comma, so it is quoted.
    expect(rows[1]).toMatch(new RegExp(`^fee:platform:v1:${periodBounds(period).from},RECURRING_FEE,"Platform fee [^"]+",\\d+,1234\\.5,1234\\.50,USD$`));
    expect(rows.slice(2)).toEqual([
      "subtotal,SUMMARY,Subtotal,,,1234.50,USD",
      "total,SUMMARY,Total,,,1234.50,USD",
      "credits,SUMMARY,Credit notes,,,0.00,USD",
      "payments,SUMMARY,Payments received,,,-234.50,USD",
      "refunds,SUMMARY,Refunds sent,,,0.00,USD",
      "balance_due,SUMMARY,Balance due,,,1000.00,USD",
    ]);
  });

  it("answers NOT_FOUND to an advertiser asking for another advertiser's invoice or for a draft", async () => {
    await expect(invoiceDocument(t.db, cast.acmeUser, invoices.globexIssued, "pdf")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(invoiceDocument(t.db, cast.globexUser, invoices.acmeIssued, "csv")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(invoiceDocument(t.db, cast.acmeUser, invoices.acmeDraft, "pdf")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
