// The invoice PDF's font: a Unicode TrueType font where one is configured or the system has one, so names in any
// script print as written; the standard Helvetica (Western European letters only) where there is none.
import zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { invoiceDocumentModel, type InvoiceDocumentSource } from "../../domain/invoices/invoice-document";
import { pdfFont, renderInvoicePdf, winAnsiText } from "./invoice-pdf";

const LIBERATION = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
const LIBERATION_BOLD = "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf";
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
const present = (...files: string[]) => (file: string) => files.includes(file);

describe("the font invoices are set in", () => {
  it("is the configured file, with its bold face or the regular one again", () => {
    expect(pdfFont({ font: "/srv/fonts/Noto.ttf", bold: "/srv/fonts/Noto-Bold.ttf" }, present("/srv/fonts/Noto.ttf", "/srv/fonts/Noto-Bold.ttf")).files).toEqual({ regular: "/srv/fonts/Noto.ttf", bold: "/srv/fonts/Noto-Bold.ttf" });
    expect(pdfFont({ font: "/srv/fonts/Noto.ttf" }, present("/srv/fonts/Noto.ttf")).files).toEqual({ regular: "/srv/fonts/Noto.ttf", bold: "/srv/fonts/Noto.ttf" });
  });

  it("refuses a configured file that is not there, naming the setting, rather than print question marks", () => {
    expect(() => pdfFont({ font: "/srv/fonts/Noto.ttf" }, present())).toThrow("TALLY_PDF_FONT: no font file at /srv/fonts/Noto.ttf");
    expect(() => pdfFont({ font: "/srv/fonts/Noto.ttf", bold: "/srv/fonts/Bold.ttf" }, present("/srv/fonts/Noto.ttf"))).toThrow("TALLY_PDF_FONT_BOLD: no font file at /srv/fonts/Bold.ttf");
  });

  it("is otherwise Liberation Sans, then DejaVu Sans, where both faces are installed, else Helvetica", () => {
    expect(pdfFont({}, present(LIBERATION, LIBERATION_BOLD, DEJAVU, DEJAVU_BOLD)).files?.regular).toBe(LIBERATION);
    expect(pdfFont({}, present(LIBERATION, DEJAVU, DEJAVU_BOLD)).files?.regular).toBe(DEJAVU);
    expect(pdfFont({}, present(LIBERATION))).toEqual({ regular: "Helvetica", bold: "Helvetica-Bold", files: null });
  });

  it("brings text to what Helvetica prints when it is the only font", () => {
    expect(winAnsiText("Łódź Müller Ωmega")).toBe("Lódz Müller ?mega");
  });
});

/** Every code point the PDF's fonts map glyphs back to (their ToUnicode maps), in upper-case hex. */
function mappedCodePoints(pdf: Buffer): Set<string> {
  const text = pdf.toString("latin1");
  const points = new Set<string>();
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index! + match[0].length;
    const body = Buffer.from(text.slice(start, text.indexOf("endstream", start)), "latin1");
    let inflated: string;
    try {
      inflated = zlib.inflateSync(body).toString("latin1");
    } catch {
      continue;
    }
    if (!inflated.includes("begincmap")) continue;
    for (const hex of inflated.matchAll(/<([0-9a-fA-F]{4,})>/g)) for (let i = 0; i + 4 <= hex[1].length; i += 4) points.add(hex[1].slice(i, i + 4).toUpperCase());
  }
  return points;
}

describe.runIf(pdfFont().files !== null)("an invoice PDF in a Unicode font", () => {
  it("prints a Polish, Greek and Cyrillic name as written", async () => {
    const source: InvoiceDocumentSource = {
      number: null,
      status: "DRAFT",
      period: "2026-10",
      currency: "USD",
      total: "10",
      paid: "0",
      credited: "0",
      refunded: "0",
      refundDue: "0",
      balanceDue: "0",
      issuedAt: null,
      dueDate: null,
      paymentTermsDays: 30,
      voidReason: null,
      advertiser: "Łódź Ωmega Кино",
      contract: { number: "C-2026-0001", title: "CTV 2026" },
      lines: [{ key: "fee:platform", kind: "ONE_OFF_FEE", description: "Setup", quantity: "1", unrounded: "10", amount: "10" }],
      creditNotes: [],
    };
    const pdf = await renderInvoicePdf(invoiceDocumentModel(source, { name: "Tally Media Ltd", addressLines: [], taxId: null, paymentInstructions: [] }));
    expect(pdf.toString("latin1")).toContain("/FontFile2");
    const points = mappedCodePoints(pdf);
    // Ł, ó, ź, Ω, К, и: each set in the font, none replaced.
    for (const c of ["0141", "00F3", "017A", "03A9", "041A", "0438"]) expect(points, c).toContain(c);
  });
});
