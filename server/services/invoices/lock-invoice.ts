// Every change to an invoice (issue, payment, credit note, refund, void) starts by locking its row, so concurrent changes
// queue and each decides on what the previous one left. Amounts come back as exact decimal strings.
import { lockName } from "../../db/advisory-lock";
import type { Tx } from "../../db/client";
import type { InvoiceStatus } from "../../domain/invoices/invoice-lifecycle";
import { notFound } from "../../errors";

export interface LockedInvoice {
  status: InvoiceStatus;
  contract_id: string;
  period: string;
  number: string | null;
  currency: string;
  total: string;
  paid: string;
  credited: string;
  refunded: string;
}

export async function lockInvoice(tx: Tx, id: string): Promise<LockedInvoice> {
  const [row] = await tx.$queryRaw<LockedInvoice[]>`
    SELECT status, contract_id, period, number, currency, total::text, paid::text, credited::text, refunded::text FROM invoice WHERE id = ${id}::uuid FOR UPDATE`;
  if (!row) throw notFound("Invoice not found");
  return row;
}

/**
 * The (contract, period) draft lock, held to the end of the transaction: drafting by a billing run, regenerating and
 * editing a draft take turns on it, so none of them prices from lines another is replacing.
 */
export async function lockContractPeriod(tx: Tx, contractId: string, period: string) {
  await lockName(tx, draftLockName(contractId, period));
}

/** The name of that lock, for a billing run's batch taking the locks of all its contracts at once (lockNames). */
export const draftLockName = (contractId: string, period: string) => `invoice:${contractId}:${period}`;
