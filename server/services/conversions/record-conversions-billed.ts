// What billing records on the conversions it billed: when, in which period and for how much (exact). From then on
// a conversion is locked against review, and a reversal credits back exactly this amount. Billing runs call this in
// the transaction that issues the invoice; conversions already billed keep their first billing. Voiding the invoice
// takes it back.
import type { Tx } from "../../db/client";

export async function recordConversionsBilled(tx: Tx, period: string, amounts: ReadonlyMap<string, string>, billedAt = new Date()) {
  if (amounts.size === 0) return 0;
  const rows = JSON.stringify([...amounts].map(([id, amount]) => ({ id, amount })));
  return tx.$executeRaw`
    UPDATE conversion c SET billed_at = ${billedAt}, billed_period = ${period}, billed_amount = b.amount
    FROM json_to_recordset(${rows}::json) AS b(id uuid, amount numeric)
    WHERE c.id = b.id AND c.billed_at IS NULL`;
}

/**
 * The invoice is void: what it billed was never billed after all. Its conversions go back to be billed when their
 * month is invoiced again (or, approved late, on the next draft); reversals already credited stay as they are.
 */
export async function recordConversionsUnbilled(tx: Tx, invoiceId: string, period: string) {
  return tx.$executeRaw`
    UPDATE conversion c SET billed_at = NULL, billed_period = NULL, billed_amount = NULL
    FROM invoice_conversion ic
    WHERE ic.invoice_id = ${invoiceId}::uuid AND c.id = ic.conversion_id AND c.billed_period = ${period} AND c.credited_period IS NULL`;
}
