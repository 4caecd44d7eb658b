// Payout statements for a month, drafted from what the month's invoices bill (payout-basis.ts: the basis stored with
// each draft or issued invoice, or the same worked out by pricing a contract without one): each contract's partner
// payouts follow from its basis and the partners' defaults (domain/payouts/partner-payouts.ts), and the lines of every
// contract are gathered into one statement per partner and currency. Contracts are read and paid a page at a time, so
// memory holds a page's bases and the month's statement lines.
// Drafts are replaced whole; approved and paid statements are left exactly as they are. Reversals included as credits
// are marked credited in this month, so no later month credits them again. Runs of the same month take turns (a
// transaction lock per month), so two finance people pressing the button at once end with one set of drafts.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { lockNames } from "../../db/advisory-lock";
import type { Db } from "../../db/client";
import { prismaSql, withPgTransaction, type SqlQuery } from "../../db/pg-transaction";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import { Dec } from "../../domain/money";
import { partnerPayoutsOfTallies, tallyConversions, type PayoutFlag, type PayoutLine } from "../../domain/payouts/partner-payouts";
import { isRedraftable, type PayoutStatus } from "../../domain/payouts/payout-statement";
import { appendAuditEntry } from "../audit/record-audit";
import { priceContractPeriods } from "../billing/price-contract-period";
import { findContractsInForce, unsafeContractsWithTermsByIds } from "../contracts/contract-terms-in-force";
import { partnerDefaults } from "../partners/partners";
import { invoicedPayoutBases, payoutBasisOf } from "./payout-basis";

export const ZDraftPayoutStatementsRequestSchema = z.object({ period: ZBillingPeriod });

interface GatheredLine extends PayoutLine {
  contractId: string;
}

interface Gathered {
  partnerKey: string;
  partnerName: string;
  currency: string;
  lines: GatheredLine[];
}

/** The revenue a payout line was earned on: the conversions' or CPM line's revenue (negative for a reversal). */
const revenueOf = (line: PayoutLine) => (line.kind === "REVERSAL" ? new Dec(line.trace.base).abs().negated() : new Dec(line.trace.base));

/** Contracts whose payouts are worked out together. */
const CONTRACTS_PER_PAGE = 500;
/** Statement lines per INSERT: one statement of a large month has tens of thousands. */
const STATEMENT_LINES_PER_INSERT = 2_000;

/** `contractsPerPage` lets a test draft a small month in several pages. */
export async function draftPayoutStatements(db: Db, ctx: RequestContext, input: z.infer<typeof ZDraftPayoutStatementsRequestSchema>, { contractsPerPage = CONTRACTS_PER_PAGE } = {}) {
  const defaults = await partnerDefaults(db);
  const gathered = new Map<string, Gathered>();
  const flags: Array<PayoutFlag & { contractNumber: string }> = [];
  const credited: string[] = [];
  let contractCount = 0;

  for await (const page of basesInForce(db, ctx, input.period, contractsPerPage)) {
    for (const [contractId, basis] of page) {
      contractCount += 1;
      const { contract } = basis;
      const result = partnerPayoutsOfTallies({ ...basis, lineNames: new Map(Object.entries(basis.lineNames)), defaults, reversals: tallyConversions(basis.reversals) });
      flags.push(...result.flags.map((f) => ({ ...f, contractNumber: contract.number })));
      credited.push(...basis.reversals.map((r) => r.id));
      for (const statement of result.statements) {
        const key = `${statement.partnerKey}|${contract.currency}`;
        const into = gathered.get(key) ?? gathered.set(key, { partnerKey: statement.partnerKey, partnerName: statement.partnerName, currency: contract.currency, lines: [] }).get(key)!;
        into.lines.push(...statement.lines.map((l) => ({ ...l, contractId })));
      }
    }
  }

  const { drafted, skipped } = await writeStatements(db, ctx, input.period, [...gathered.values()], defaults, credited);
  return { period: input.period, contracts: contractCount, drafted, skipped, flags };
}

/**
 * The contracts in force in the period, by number, a page at a time: contract id → its payout basis, the one stored
 * with its invoice for the month, else worked out by pricing the month now. The next page is read while this one is
 * paid.
 */
async function* basesInForce(db: Db, ctx: RequestContext, period: string, perPage: number) {
  // Scoped to the actor once, here; each page then reads those contracts by id.
  const ids = (await findContractsInForce(db, ctx.actor, {}, periodBounds(period))).map((c) => c.id);
  const readPage = (page: string[]) => {
    const read = (async () => {
      const invoiced = await invoicedPayoutBases(db, period, page);
      // The page's contracts without a stored basis, priced together (set-based, no delivery chart); one that cannot
      // be priced stops the drafting, as before.
      const unpriced = await unsafeContractsWithTermsByIds(prismaSql(db), page.filter((id) => !invoiced.get(id)));
      const priced = await priceContractPeriods(prismaSql(db), unpriced, period);
      for (const contract of unpriced) {
        const month = priced.get(contract.id)!;
        if (month instanceof Error) throw month;
        invoiced.set(contract.id, payoutBasisOf(contract, period, month));
      }
      return new Map(page.flatMap((id) => (invoiced.get(id) ? [[id, invoiced.get(id)!] as const] : [])));
    })();
    // Read ahead: if the caller stops before asking for it, its failure must not go unhandled (awaiting it still throws).
    read.catch(() => {});
    return read;
  };
  let next = ids.length > 0 ? readPage(ids.slice(0, perPage)) : null;
  for (let from = 0; next; from += perPage) {
    const current = await next;
    next = from + perPage < ids.length ? readPage(ids.slice(from + perPage, from + 2 * perPage)) : null;
    yield current;
  }
}

/**
 * One transaction, on a plain pg connection (a month's lines are tens of megabytes of parameters): the month's drafts
 * replaced, the new statements with their lines and audit entries, the credited reversals marked.
 */
async function writeStatements(db: Db, ctx: RequestContext, period: string, gathered: Gathered[], defaults: Map<string, { id: string }>, credited: string[]) {
  return withPgTransaction(db, async (query) => {
    await lockNames(query, [`payouts:${period}`]);
    const partnerIds = await ensurePartners(query, ctx, gathered, defaults);
    const existing = await query<{ id: string; partner_id: string; currency: string; status: PayoutStatus }>(`SELECT id, partner_id, currency, status FROM payout_statement WHERE period = $1`, [period]);
    const kept = existing.filter((s) => !isRedraftable(s.status));
    const replaced = existing.filter((s) => isRedraftable(s.status)).map((s) => s.id);
    if (replaced.length > 0) await query(`DELETE FROM payout_statement WHERE id = ANY($1::uuid[])`, [replaced]);
    let drafted = 0;
    const skipped: Array<{ partnerKey: string; currency: string; status: string }> = [];
    for (const g of [...gathered].sort((a, b) => (a.partnerKey + a.currency < b.partnerKey + b.currency ? -1 : 1))) {
      const partnerId = partnerIds.get(g.partnerKey)!;
      const frozen = kept.find((s) => s.partner_id === partnerId && s.currency === g.currency);
      if (frozen) {
        skipped.push({ partnerKey: g.partnerKey, currency: g.currency, status: frozen.status });
        continue;
      }
      const total = g.lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0));
      const revenue = g.lines.reduce((sum, l) => sum.plus(revenueOf(l)), new Dec(0));
      const [statement] = await query<{ id: string }>(
        `INSERT INTO payout_statement (id, partner_id, period, currency, total, revenue) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5) RETURNING id`,
        [partnerId, period, g.currency, total.toFixed(), revenue.toFixed()],
      );
      for (let from = 0; from < g.lines.length; from += STATEMENT_LINES_PER_INSERT) await insertLines(query, statement.id, g.lines.slice(from, from + STATEMENT_LINES_PER_INSERT), from);
      drafted += 1;
      await appendAuditEntry(query, ctx, { action: "payoutStatement.drafted", entityId: statement.id, after: { partner: g.partnerKey, period, currency: g.currency, total: total.toFixed(), lines: g.lines.length } });
    }
    if (credited.length > 0) await query(`UPDATE conversion SET credited_period = $1 WHERE id = ANY($2::uuid[]) AND credited_period IS NULL`, [period, credited]);
    return { drafted, skipped };
  });
}

/** Lines `first`, `first + 1`, … of a statement, in one INSERT: a column array per field. */
async function insertLines(query: SqlQuery, statementId: string, lines: GatheredLine[], first: number) {
  await query(
    `INSERT INTO payout_statement_line (id, statement_id, contract_id, position, key, kind, line_key, description, quantity, revenue, unrounded, amount, trace)
     SELECT gen_random_uuid(), $1, l.* FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[], $10::text[], $11::numeric[], $12::jsonb[])
       AS l(contract_id, position, key, kind, line_key, description, quantity, revenue, unrounded, amount, trace)`,
    [
      statementId,
      lines.map((l) => l.contractId),
      lines.map((_, i) => first + i),
      lines.map((l) => l.key),
      lines.map((l) => l.kind),
      lines.map((l) => l.lineKey),
      lines.map((l) => l.description),
      lines.map((l) => l.quantity),
      lines.map((l) => revenueOf(l).toFixed()),
      lines.map((l) => l.unrounded),
      lines.map((l) => l.amount),
      lines.map((l) => JSON.stringify(l.trace)),
    ],
  );
}

/** Partner rows for every partner a statement is drafted for: contract terms may name a partner not recorded yet. */
async function ensurePartners(query: SqlQuery, ctx: RequestContext, gathered: Gathered[], known: Map<string, { id: string }>) {
  const ids = new Map([...known].map(([key, p]) => [key, p.id]));
  for (const g of gathered) {
    if (ids.has(g.partnerKey)) continue;
    // Created, or the row someone else has just created: DO UPDATE (a no-op) returns it either way.
    const [partner] = await query<{ id: string; key: string; name: string }>(
      `INSERT INTO partner (id, key, name, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key RETURNING id, key, name`,
      [g.partnerKey, g.partnerName],
    );
    ids.set(g.partnerKey, partner.id);
    await appendAuditEntry(query, ctx, { action: "partner.created", entityId: partner.id, after: { ...partner, reason: "Named in contract partner terms" } });
  }
  return ids;
}
