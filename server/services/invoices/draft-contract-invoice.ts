// Contracts' draft invoices for a period, written or replaced from the shared pricing (price-contract-period.ts) with
// their anomaly flags: one contract (regenerated or edited by finance) or a billing run's batch of a few hundred,
// through the same statements. Under a transaction lock per (contract, period), so drafting, regenerating and
// editing the same draft take turns; an invoice already issued for the period is never touched (late data is billed
// on a later draft). Drafting twice on the same inputs writes the same draft: lines keep their stable keys and order.
// Finance's manual lines are inputs like delivery: kept (same ids) after the priced lines whenever the draft is priced
// again. Writes are set-based: a handful of INSERT … SELECT FROM unnest(…) statements for the whole batch.
import { createHash, randomUUID } from "node:crypto";
import type { Db, Tx } from "../../db/client";
import { prismaSql, type SqlQuery } from "../../db/pg-transaction";
import { shiftPeriod } from "../../domain/billing/billing-period";
import type { DraftLine } from "../../domain/billing/draft-line";
import { invoiceFlags, type InvoiceFlag } from "../../domain/invoices/invoice-flags";
import { CURRENCY_MINOR_UNITS, Dec } from "../../domain/money";
import { priceContractPeriods, type PricedContractPeriod } from "../billing/price-contract-period";
import type { ContractWithTerms } from "../contracts/contract-terms-in-force";
import { payoutBasisOf, type PayoutBasis } from "../payouts/payout-basis";
import { lockContractPeriod } from "./lock-invoice";

export type DraftOutcome = { invoiceId: string; outcome: "DRAFTED" } | { invoiceId: string; outcome: "ALREADY_ISSUED" };

/** A change to the draft's manual lines, made under the draft's lock before it is priced again (edit-draft.ts). */
export type DraftEdit = (tx: Tx, draftId: string | null) => Promise<void>;

/**
 * One contract's draft, in its own transaction under its lock. runId: the billing run drafting it; without one
 * (regenerated or edited by hand) the draft keeps its run.
 */
export async function draftContractInvoice(db: Db, contract: ContractWithTerms, period: string, runId?: string, edit?: DraftEdit): Promise<DraftOutcome> {
  return db.$transaction(
    async (tx) => {
      await lockContractPeriod(tx, contract.id, period);
      if (edit) {
        const existing = await tx.invoice.findFirst({ where: { contractId: contract.id, period, status: { not: "VOID" } }, select: { id: true, status: true } });
        if (existing && existing.status !== "DRAFT") return { invoiceId: existing.id, outcome: "ALREADY_ISSUED" as const };
        await edit(tx, existing?.id ?? null);
      }
      const outcome = (await draftInvoices(prismaSql(tx), [contract], period, runId)).get(contract.id)!;
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    { timeout: 60_000 },
  );
}

interface OpenInvoice {
  id: string;
  contract_id: string;
  period: string;
  status: string;
  total: string;
}

interface ManualLineRow {
  id: string;
  invoice_id: string;
  key: string;
  line_key: string;
  description: string;
  quantity: string;
  unrounded: string;
  amount: string;
  trace: string;
}

interface Draft {
  id: string;
  isNew: boolean;
  contract: ContractWithTerms;
  lines: Array<DraftLine & { id?: string }>;
  total: string;
  flags: InvoiceFlag[];
  perConversion: Map<string, string>;
  payoutBasis: PayoutBasis;
}

/** The draft's lines (priced, then manual), total and flags. Pure. */
function assembleDraft(contract: ContractWithTerms, priced: PricedContractPeriod, manual: readonly ManualLineRow[], previousTotal: string | null) {
  const digits = CURRENCY_MINOR_UNITS[contract.currency];
  const lines: Array<DraftLine & { id?: string }> = [
    ...priced.draft.lines,
    ...manual.map((l) => ({ id: l.id, key: l.key, kind: "MANUAL" as const, lineKey: l.line_key, description: l.description, quantity: l.quantity, unrounded: l.unrounded, amount: new Dec(l.amount).toFixed(digits), trace: JSON.parse(l.trace) as DraftLine["trace"] })),
  ];
  const total = manual.reduce((sum, l) => sum.plus(l.amount), new Dec(priced.draft.total)).toFixed(digits);
  const flags = invoiceFlags({ lines, total, flags: priced.draft.flags, currency: contract.currency, hasCpmLines: contract.versions.some((v) => v.terms.cpmLines.length > 0), previousTotal });
  return { lines, total, flags };
}

/**
 * The drafts of a batch of contracts for the period, in the caller's transaction: the caller holds each contract's
 * draft lock (draftLockName). Contract id → what happened, or the error pricing it threw (nothing written for it).
 */
export async function draftInvoices(query: SqlQuery, contracts: readonly ContractWithTerms[], period: string, runId?: string): Promise<Map<string, DraftOutcome | Error>> {
  const open = await query<OpenInvoice>(
    `SELECT id::text, contract_id::text, period, status::text, total::text FROM invoice
     WHERE contract_id = ANY($1::uuid[]) AND period = ANY($2::text[]) AND status <> 'VOID'`,
    [contracts.map((c) => c.id), [period, shiftPeriod(period, -1)]],
  );
  const current = new Map(open.filter((i) => i.period === period).map((i) => [i.contract_id, i]));
  const previous = new Map(open.filter((i) => i.period !== period).map((i) => [i.contract_id, i]));

  const outcomes = new Map<string, DraftOutcome | Error>();
  const toDraft = contracts.filter((c) => {
    const existing = current.get(c.id);
    if (existing && existing.status !== "DRAFT") outcomes.set(c.id, { invoiceId: existing.id, outcome: "ALREADY_ISSUED" });
    return !outcomes.has(c.id);
  });
  const replaced = toDraft.flatMap((c) => current.get(c.id)?.id ?? []);
  const manual =
    replaced.length === 0
      ? []
      : await query<ManualLineRow>(
          `SELECT id::text, invoice_id::text, key, line_key, description, quantity, unrounded, amount::text, trace::text
           FROM invoice_line WHERE invoice_id = ANY($1::uuid[]) AND kind = 'MANUAL' ORDER BY invoice_id, position`,
          [replaced],
        );
  const priced = await priceContractPeriods(query, toDraft, period);

  const drafts: Draft[] = [];
  for (const contract of toDraft) {
    const month = priced.get(contract.id)!;
    if (month instanceof Error) {
      outcomes.set(contract.id, month);
      continue;
    }
    const existing = current.get(contract.id);
    const own = existing ? manual.filter((l) => l.invoice_id === existing.id) : [];
    const draft = { id: existing?.id ?? randomUUID(), isNew: !existing, contract, perConversion: month.cpa.perConversion, payoutBasis: payoutBasisOf(contract, period, month), ...assembleDraft(contract, month, own, previous.get(contract.id)?.total ?? null) };
    drafts.push(draft);
    outcomes.set(contract.id, { invoiceId: draft.id, outcome: "DRAFTED" });
  }
  await writeDrafts(query, drafts, period, runId);
  return outcomes;
}

/**
 * A priced line's id, derived from its invoice and its stable key (unique per invoice): a line keeps its id however
 * often its draft is priced again, so a link to it (its Explain) survives a regenerate or the next run.
 */
function pricedLineId(invoiceId: string, key: string): string {
  const hex = createHash("sha256").update(`${invoiceId}/${key}`).digest("hex");
  // Shaped as an RFC 9562 version-8 (custom) UUID.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Replace the drafts' lines and billed conversions, update the drafts that exist and create the others. Rows travel
 * as one JSON document per statement (json_to_recordset): serialised natively, where a text[] parameter per column
 * had the driver escape every element of every trace, and smaller on the wire.
 */
async function writeDrafts(query: SqlQuery, drafts: readonly Draft[], period: string, runId: string | undefined) {
  if (drafts.length === 0) return;
  const replaced = drafts.filter((d) => !d.isNew);
  if (replaced.length > 0) {
    const ids = replaced.map((d) => d.id);
    await query(`DELETE FROM invoice_line WHERE invoice_id = ANY($1::uuid[])`, [ids]);
    await query(`DELETE FROM invoice_conversion WHERE invoice_id = ANY($1::uuid[])`, [ids]);
    await query(
      `UPDATE invoice i SET total = u.total, flags = u.flags, payout_basis = u.basis, run_id = coalesce($2::uuid, i.run_id), drafted_at = now()
       FROM json_to_recordset($1::json) AS u(id uuid, total numeric, flags jsonb, basis jsonb) WHERE i.id = u.id`,
      [JSON.stringify(replaced.map((d) => ({ id: d.id, total: d.total, flags: d.flags, basis: d.payoutBasis }))), runId ?? null],
    );
  }
  const created = drafts.filter((d) => d.isNew);
  if (created.length > 0) {
    await query(
      `INSERT INTO invoice (id, contract_id, advertiser_id, period, currency, total, flags, payout_basis, run_id, drafted_at)
       SELECT u.id, u.contract_id, u.advertiser_id, $2, u.currency, u.total, u.flags, u.basis, $3::uuid, now()
       FROM json_to_recordset($1::json) AS u(id uuid, contract_id uuid, advertiser_id uuid, currency char(3), total numeric, flags jsonb, basis jsonb)`,
      [
        JSON.stringify(created.map((d) => ({ id: d.id, contract_id: d.contract.id, advertiser_id: d.contract.advertiserId, currency: d.contract.currency, total: d.total, flags: d.flags, basis: d.payoutBasis }))),
        period,
        runId ?? null,
      ],
    );
  }
  const lines = drafts.flatMap((d) =>
    d.lines.map((l, position) => ({
      id: l.id ?? pricedLineId(d.id, l.key),
      invoice_id: d.id,
      position,
      key: l.key,
      kind: l.kind,
      line_key: l.lineKey,
      description: l.description,
      quantity: l.quantity,
      unrounded: l.unrounded,
      amount: l.amount,
      trace: l.trace,
    })),
  );
  await query(
    `INSERT INTO invoice_line (id, invoice_id, position, key, kind, line_key, description, quantity, unrounded, amount, trace)
     SELECT * FROM json_to_recordset($1::json)
       AS u(id uuid, invoice_id uuid, position int, key text, kind text, line_key text, description text, quantity text, unrounded text, amount numeric, trace jsonb)`,
    [JSON.stringify(lines)],
  );
  const billed = drafts.flatMap((d) => [...d.perConversion].map(([conversionId, amount]) => ({ i: d.id, c: conversionId, a: amount })));
  if (billed.length > 0) {
    await query(`INSERT INTO invoice_conversion (invoice_id, conversion_id, amount) SELECT * FROM json_to_recordset($1::json) AS u(i uuid, c uuid, a numeric)`, [JSON.stringify(billed)]);
  }
}
