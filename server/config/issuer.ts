// Who sends Tally's invoices: our company's name, address, tax id and how to pay it, printed on every invoice
// document. Environment variables (multi-line values separate their lines with "|" or newlines):
//   TALLY_ISSUER_NAME            company name                          e.g. "Tally Media Ltd"
//   TALLY_ISSUER_ADDRESS         postal address                        e.g. "1 Market Street|London EC1A 1AA|United Kingdom"
//   TALLY_ISSUER_TAX_ID          VAT / tax registration number         e.g. "GB123456789"
//   TALLY_PAYMENT_INSTRUCTIONS   bank, account or IBAN, BIC            e.g. "Bank: Example Bank|IBAN: GB00 EXMP 0000 0000 0000 00|BIC: EXMPGB2L"
// Unset, each falls back to an obviously fictional demo value. The payment reference (the invoice number) is added
// per invoice.
import { z } from "zod";
import type { Issuer } from "../domain/invoices/invoice-document";

const lines = (max: number) =>
  z
    .string()
    .transform((v) => v.split(/\r?\n|\|/).map((l) => l.trim()).filter((l) => l !== ""))
    .pipe(z.array(z.string().max(120, "Keep each line under 120 characters")).min(1, "Give at least one line").max(max, `At most ${max} lines`));

const IssuerEnvSchema = z.object({
  TALLY_ISSUER_NAME: z.string().trim().min(1).max(120).default("Tally Demo Media Ltd"),
  TALLY_ISSUER_ADDRESS: lines(6).default(["100 Example Street", "Springfield 00000", "Demoland"]),
  TALLY_ISSUER_TAX_ID: z.string().trim().max(60).optional(),
  TALLY_PAYMENT_INSTRUCTIONS: lines(8).default(["Bank transfer to Example Bank (demo)", "IBAN: XX00 DEMO 0000 0000 0000 00", "BIC: DEMOXXXX"]),
});

const DEMO_TAX_ID = "DEMO-TAX-000000";

export function readIssuer(source: NodeJS.ProcessEnv = process.env): Issuer {
  // As in server/env.ts: an empty variable means "not set".
  const defined = Object.fromEntries(Object.entries(source).filter(([k, v]) => k in IssuerEnvSchema.shape && v !== ""));
  const parsed = IssuerEnvSchema.safeParse(defined);
  if (!parsed.success) throw new Error(`Invalid issuer configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  const env = parsed.data;
  const isDemo = defined.TALLY_ISSUER_NAME === undefined;
  return {
    name: env.TALLY_ISSUER_NAME,
    addressLines: env.TALLY_ISSUER_ADDRESS,
    // A real company without a tax id configured prints none rather than the demo one.
    taxId: env.TALLY_ISSUER_TAX_ID ?? (isDemo ? DEMO_TAX_ID : null),
    paymentInstructions: env.TALLY_PAYMENT_INSTRUCTIONS,
  };
}

let cached: Issuer | undefined;

/** The configured issuer, validated on first use (a bad setting fails the first download, loudly). */
export function issuer(): Issuer {
  cached ??= readIssuer();
  return cached;
}
