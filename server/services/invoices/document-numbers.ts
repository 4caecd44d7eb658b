// The next number of a year's gapless sequence (invoices, credit notes): the counter row stays locked until the
// calling transaction commits, so concurrent issues queue, none skips or repeats a number, and a rolled-back issue
// gives its number back.
import type { Tx } from "../../db/client";

export async function nextDocumentNumber(tx: Tx, kind: "INV" | "CN", year: number): Promise<number> {
  const [{ last }] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO document_number_sequence (kind, year, last) VALUES (${kind}, ${year}, 1)
    ON CONFLICT (kind, year) DO UPDATE SET last = document_number_sequence.last + 1 RETURNING last`;
  return last;
}
