// An invoice as a downloadable file. The invoice is read through getInvoice, so the document answers to the same
// scope as the page: another advertiser's invoice, or a draft asked for by an advertiser, is NOT_FOUND.
import type { Actor } from "../../auth/actor";
import { issuer } from "../../config/issuer";
import type { Db } from "../../db/client";
import { documentFileName, invoiceCsv, invoiceDocumentModel } from "../../domain/invoices/invoice-document";
import { renderInvoicePdf } from "../../integrations/exports/invoice-pdf";
import { getInvoice } from "./invoice-queries";

export const INVOICE_DOCUMENT_FORMATS = ["pdf", "csv"] as const;
export type InvoiceDocumentFormat = (typeof INVOICE_DOCUMENT_FORMATS)[number];

export interface InvoiceDocumentFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

// The byte-order mark tells Excel the CSV is UTF-8 (descriptions and names are not always ASCII).
const UTF8_BOM = "\uFEFF";

export async function invoiceDocument(db: Db, actor: Actor, id: string, format: InvoiceDocumentFormat): Promise<InvoiceDocumentFile> {
  const invoice = await getInvoice(db, actor, id);
  const fileName = documentFileName(invoice, format);
  if (format === "csv") return { fileName, contentType: "text/csv; charset=utf-8", body: Buffer.from(UTF8_BOM + invoiceCsv(invoice), "utf8") };
  return { fileName, contentType: "application/pdf", body: await renderInvoicePdf(invoiceDocumentModel(invoice, issuer())) };
}
