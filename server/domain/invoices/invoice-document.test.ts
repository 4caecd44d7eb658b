// Worked examples: an October 2026 invoice of a platform fee, CPM media, reversed conversions and agency
// commission (1,000.00 + 15,432.09 − 120.00 − 1,643.21 = 14,668.88 USD), as a draft and once issued, part paid and
// part credited (14,668.88 − 5,000.00 − 668.88 = 9,000.00 USD due).
import { describe, expect, it } from "vitest";
import { csvField, documentFileName, invoiceCsv, invoiceDocumentModel, type InvoiceDocumentSource, type Issuer } from "./invoice-document";

const issuer: Issuer = {
  name: "Tally Media Ltd",
  addressLines: ["1 Market Street", "London EC1A 1AA"],
  taxId: "GB123456789",
  paymentInstructions: ["Bank: Example Bank", "IBAN: GB00 EXMP 0000 0000 0000 00"],
};

const draft: InvoiceDocumentSource = {
  number: null,
  status: "DRAFT",
  period: "2026-10",
  currency: "USD",
  total: "14668.88",
  paid: "0",
  credited: "0",
  refunded: "0",
  refundDue: "0",
  balanceDue: "0",
  issuedAt: null,
  dueDate: null,
  paymentTermsDays: 30,
  voidReason: null,
  advertiser: "Acme Streaming",
  contract: { number: "C-2026-0001", title: "Acme CTV 2026" },
  lines: [
    { key: "fee:platform:v1:2026-10-01", kind: "RECURRING_FEE", description: "Platform fee", quantity: "31", unrounded: "1000", amount: "1000" },
    { key: "cpm:sports:v1:2026-10-01", kind: "CPM", description: "Sports, CTV", quantity: "1234567", unrounded: "15432.0875", amount: "15432.09" },
    { key: "cpa-credit:purchase", kind: "CPA_CREDIT", description: "Reversed conversions", quantity: "3", unrounded: "-120", amount: "-120" },
    { key: "commission:sports", kind: "AGENCY_COMMISSION", description: "Agency commission 10 %", quantity: "16432.09", unrounded: "-1643.209", amount: "-1643.21" },
  ],
  creditNotes: [],
};

const issued: InvoiceDocumentSource = {
  ...draft,
  number: "INV-2026-000123",
  status: "PARTIALLY_PAID",
  issuedAt: new Date("2026-11-03T10:15:00Z"),
  dueDate: "2026-12-03",
  paid: "5000",
  credited: "668.88",
  balanceDue: "9000",
  creditNotes: [{ number: "CN-2026-000004", amount: "668.88", reason: "Delivery discrepancy", note: "Verifier counts came in lower", issuedAt: new Date("2026-11-10T09:00:00Z") }],
};

const expectedLines = [
  { description: "Platform fee", kind: "Recurring fee", quantity: "31 days", amount: "1,000.00 USD" },
  { description: "Sports, CTV", kind: "CPM media", quantity: "1,234,567 impressions", amount: "15,432.09 USD" },
  { description: "Reversed conversions", kind: "Reversed conversions", quantity: "3 conversions", amount: "-120.00 USD" },
  { description: "Agency commission 10 %", kind: "Agency commission", quantity: "on 16,432.09 USD", amount: "-1,643.21 USD" },
];

describe("invoiceDocumentModel", () => {
  it("marks a draft as such: no number, no dates, what would be due once issued", () => {
    expect(invoiceDocumentModel(draft, issuer)).toEqual({
      title: "DRAFT INVOICE",
      watermark: "DRAFT",
      number: "Draft",
      status: "Draft",
      statusNote: null,
      issuer,
      billTo: "Acme Streaming",
      contract: { number: "C-2026-0001", title: "Acme CTV 2026" },
      period: "October 2026",
      issueDate: "Not issued",
      dueDate: "30 days after issue",
      currency: "USD",
      lines: expectedLines,
      subtotal: "14,668.88 USD",
      total: "14,668.88 USD",
      creditNotes: [],
      creditsTotal: null,
      payments: null,
      refunds: null,
      owedBack: null,
      balanceDue: "14,668.88 USD",
      balanceDueLabel: "Due once issued",
      paymentInstructions: ["Bank: Example Bank", "IBAN: GB00 EXMP 0000 0000 0000 00", "Payment reference: the invoice number, given when it is issued"],
    });
  });

  it("shows an issued invoice with its credit notes and payments taken off the balance", () => {
    expect(invoiceDocumentModel(issued, issuer)).toMatchObject({
      title: "INVOICE",
      watermark: null,
      number: "INV-2026-000123",
      status: "Partially paid",
      statusNote: "Partially paid",
      issueDate: "3 November 2026",
      dueDate: "3 December 2026",
      lines: expectedLines,
      subtotal: "14,668.88 USD",
      total: "14,668.88 USD",
      creditNotes: [{ number: "CN-2026-000004", date: "10 November 2026", reason: "Delivery discrepancy: Verifier counts came in lower", amount: "-668.88 USD" }],
      creditsTotal: "-668.88 USD",
      payments: "-5,000.00 USD",
      refunds: null,
      owedBack: null,
      balanceDue: "9,000.00 USD",
      balanceDueLabel: "Balance due",
      paymentInstructions: ["Bank: Example Bank", "IBAN: GB00 EXMP 0000 0000 0000 00", "Payment reference: INV-2026-000123", "Please pay by 3 December 2026."],
    });
  });

  it("says why nothing is due on paid and void invoices, and marks a void one", () => {
    const paid = invoiceDocumentModel({ ...issued, status: "PAID", paid: "14000", balanceDue: "0" }, issuer);
    expect([paid.statusNote, paid.payments, paid.balanceDue, paid.paymentInstructions]).toEqual(["Paid", "-14,000.00 USD", "0.00 USD", ["Paid in full: nothing is due. Thank you."]]);
    // Paid in full, then 668.88 credited: 400.00 refunded so far, 268.88 still owed back.
    const refunded = invoiceDocumentModel({ ...issued, status: "PAID", paid: "14668.88", refunded: "400", refundDue: "268.88", balanceDue: "0" }, issuer);
    expect([refunded.refunds, refunded.owedBack, refunded.paymentInstructions]).toEqual([
      "400.00 USD",
      "268.88 USD",
      ["Paid beyond what this invoice asks after its credit notes: 268.88 USD is owed back to you and will be refunded by transfer."],
    ]);
    const voided = invoiceDocumentModel({ ...issued, status: "VOID", paid: "0", credited: "0", creditNotes: [], balanceDue: "0", voidReason: "Issued to the wrong entity" }, issuer);
    expect([voided.title, voided.watermark, voided.statusNote, voided.balanceDue, voided.paymentInstructions]).toEqual(["INVOICE", "VOID", "Void: Issued to the wrong entity", "0.00 USD", ["This invoice is void: nothing is due."]]);
  });

  it("formats amounts to the currency's minor unit: none for yen", () => {
    const yen = invoiceDocumentModel({ ...draft, currency: "JPY", total: "1234567", lines: [{ key: "fee:platform", kind: "ONE_OFF_FEE", description: "Setup", quantity: "1", unrounded: "1234567", amount: "1234567" }] }, issuer);
    expect([yen.lines, yen.total]).toEqual([[{ description: "Setup", kind: "One-off fee", quantity: "1", amount: "1,234,567 JPY" }], "1,234,567 JPY"]);
  });

  it("names late-delivery corrections and manual lines, with the impressions a correction adds or takes back", () => {
    const lines = [
      { key: "adjust:2026-09:sports", kind: "DELIVERY_ADJUSTMENT", description: "Delivery correction — sports, September 2026 (INV-2026-000012)", quantity: "-30000", unrounded: "-300", amount: "-300" },
      { key: "manual:abc", kind: "MANUAL", description: "Goodwill discount", quantity: "1", unrounded: "-100", amount: "-100" },
    ];
    expect(invoiceDocumentModel({ ...draft, total: "-400", lines }, issuer).lines).toEqual([
      { description: "Delivery correction — sports, September 2026 (INV-2026-000012)", kind: "Delivery correction", quantity: "-30,000 impressions", amount: "-300.00 USD" },
      { description: "Goodwill discount", kind: "Other", quantity: "", amount: "-100.00 USD" },
    ]);
  });

  it("refuses to print an invoice whose total is not the sum of its lines", () => {
    expect(() => invoiceDocumentModel({ ...draft, total: "14668.89" }, issuer)).toThrow("Invoice total 14668.89 is not the sum of its lines (14668.88)");
  });
});

describe("invoiceCsv", () => {
  it("writes one row per line, then the summary rows, CRLF-terminated", () => {
    expect(invoiceCsv(issued)).toBe(
      [
        "key,kind,description,quantity,unrounded,amount,currency",
        "fee:platform:v1:2026-10-01,RECURRING_FEE,Platform fee,31,1000,1000.00,USD",
        'cpm:sports:v1:2026-10-01,CPM,"Sports, CTV",1234567,15432.0875,15432.09,USD',
        "cpa-credit:purchase,CPA_CREDIT,Reversed conversions,3,-120,-120.00,USD",
        "commission:sports,AGENCY_COMMISSION,Agency commission 10 %,16432.09,-1643.209,-1643.21,USD",
        "subtotal,SUMMARY,Subtotal,,,14668.88,USD",
        "total,SUMMARY,Total,,,14668.88,USD",
        "credit:CN-2026-000004,SUMMARY,Credit note CN-2026-000004 (2026-11-10): Delivery discrepancy: Verifier counts came in lower,,,-668.88,USD",
        "credits,SUMMARY,Credit notes,,,-668.88,USD",
        "payments,SUMMARY,Payments received,,,-5000.00,USD",
        "refunds,SUMMARY,Refunds sent,,,0.00,USD",
        "balance_due,SUMMARY,Balance due,,,9000.00,USD",
        "",
      ].join("\r\n"),
    );
  });

  it("gives a draft's balance as what would be due once issued", () => {
    expect(invoiceCsv(draft).split("\r\n").slice(-5)).toEqual(["credits,SUMMARY,Credit notes,,,0.00,USD", "payments,SUMMARY,Payments received,,,0.00,USD", "refunds,SUMMARY,Refunds sent,,,0.00,USD", "balance_due,SUMMARY,Balance due once issued,,,14668.88,USD", ""]);
  });

  it("quotes commas, quotes and line breaks, and defuses text a spreadsheet would run as a formula", () => {
    const line = { key: "fee:x", kind: "ONE_OFF_FEE", quantity: "1", unrounded: "10", amount: "10" };
    const csv = invoiceCsv({
      ...draft,
      total: "40",
      lines: [
        { ...line, key: "a", description: 'The "premium" package' },
        { ...line, key: "b", description: "Two\nlines" },
        { ...line, key: "c", description: '=HYPERLINK("http://evil.test","Click")' },
        { ...line, key: "d", description: "@SUM(A1:A9)" },
      ],
    });
    expect(csv.split("\r\n").slice(1, 5)).toEqual([
      'a,ONE_OFF_FEE,"The ""premium"" package",1,10,10.00,USD',
      'b,ONE_OFF_FEE,"Two\nlines",1,10,10.00,USD',
      `c,ONE_OFF_FEE,"'=HYPERLINK(""http://evil.test"",""Click"")",1,10,10.00,USD`,
      "d,ONE_OFF_FEE,'@SUM(A1:A9),1,10,10.00,USD",
    ]);
  });
});

describe("csvField", () => {
  it("leaves plain negative numbers alone (they are data) but prefixes anything else starting with = + - @ or a tab", () => {
    expect(["-120.00", "-5", "-1+1", "+41 20 555", "-cmd|' /C calc'!A0", "\tx", "plain"].map(csvField)).toEqual(["-120.00", "-5", "'-1+1", "'+41 20 555", "'-cmd|' /C calc'!A0", "'\tx", "plain"]);
  });
});

describe("documentFileName", () => {
  it("names an issued invoice by its number and a draft by its contract and period", () => {
    expect(documentFileName(issued, "pdf")).toBe("INV-2026-000123.pdf");
    expect(documentFileName(draft, "csv")).toBe("DRAFT-C-2026-0001-2026-10.csv");
  });

  it("keeps only letters, digits and dashes before the extension", () => {
    expect(documentFileName({ ...draft, contract: { number: 'C/2026"1', title: "" } }, "pdf")).toBe("DRAFT-C_2026_1-2026-10.pdf");
  });
});
