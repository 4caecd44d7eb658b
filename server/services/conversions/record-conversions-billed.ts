// What billing records on the conversions it billed: when, in which period and for how much (exact). From then on
// a conversion is locked against review, and a reversal credits back exactly this amount. Billing runs call this in
// the transaction that issues the invoice; conversions already billed keep their first billing.
import type { Tx } from "../../db/client";

export async function recordConversionsBilled(tx: Tx, period: string, amounts: ReadonlyMap<string, string>, billedAt = new Date()) {
  if (amounts.size === 0) return 0;
  const rows = JSON.stringify([...amounts].map(([id, amount]) => ({ id, amount })));
  return tx.$executeRaw`
    UPDATE conversion c SET billed_at = ${billedAt}, billed_period = ${period}, billed_amount = b.amount
    FROM json_to_recordset(${rows}::json) AS b(id uuid, amount numeric)
    WHERE c.id = b.id AND c.billed_at IS NULL`;
}
