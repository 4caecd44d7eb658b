// Payout statements for a month, drafted from what the month's invoices bill (period-revenue.ts: the stored drafts
// or issued invoices, or the same pricing for a contract without one): each contract's partner payouts follow from
// its partner terms and the partners' defaults (domain/payouts/partner-payouts.ts), and the lines of every contract are gathered into one statement per
// partner and currency. Drafts are replaced whole; approved and paid statements are left exactly as they are.
// Reversals included as credits are marked credited in this month, so no later month credits them again.
// Runs of the same month take turns (a transaction lock per month), so two finance people pressing the button at
// once end with one set of drafts.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { lockName } from "../../db/advisory-lock";
import type { Db, Tx } from "../../db/client";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import { Dec } from "../../domain/money";
import { partnerPayouts, type PayoutFlag, type PayoutLine } from "../../domain/payouts/partner-payouts";
import { isRedraftable } from "../../domain/payouts/payout-statement";
import { recordAudit } from "../audit/record-audit";
import { priceContractPeriod } from "../billing/price-contract-period";
import { findContractsWithTerms, inForceDuring, termsAtPeriodEnd } from "../contracts/contract-terms-in-force";
import { partnerDefaults } from "../partners/partners";
import { invoicedRevenue, pricedRevenue } from "./period-revenue";

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

const STATEMENT_LINES_PER_INSERT = 2_000;

export async function draftPayoutStatements(db: Db, ctx: RequestContext, input: z.infer<typeof ZDraftPayoutStatementsRequestSchema>) {
  const bounds = periodBounds(input.period);
  const contracts = (await findContractsWithTerms(db, ctx.actor, {})).filter((c) => inForceDuring(c, bounds));
  const defaults = await partnerDefaults(db);
  const gathered = new Map<string, Gathered>();
  const flags: Array<PayoutFlag & { contractNumber: string }> = [];
  const credited: string[] = [];

  const invoiced = await invoicedRevenue(db, input.period);
  for (const contract of contracts) {
    const earned = invoiced.get(contract.id) ?? pricedRevenue(await priceContractPeriod(db, contract, input.period));
    const terms = termsAtPeriodEnd(contract, bounds)!;
    const result = partnerPayouts({
      contract: { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode },
      partnerTerms: terms.terms.partnerTerms,
      lineNames: new Map(contract.versions.flatMap((v) => [...v.terms.cpaLines, ...v.terms.cpmLines].map((l) => [l.key, l.name] as const))),
      defaults,
      cpaLineKeys: [...new Set([...terms.terms.cpaLines.map((l) => l.key), ...earned.conversions.map((c) => c.lineKey), ...earned.reversals.map((r) => r.lineKey)])],
      cpmLineKeys: terms.terms.cpmLines.map((l) => l.key),
      ...earned,
    });
    flags.push(...result.flags.map((f) => ({ ...f, contractNumber: contract.number })));
    credited.push(...earned.reversals.map((r) => r.id));
    for (const statement of result.statements) {
      const key = `${statement.partnerKey}|${contract.currency}`;
      const into = gathered.get(key) ?? gathered.set(key, { partnerKey: statement.partnerKey, partnerName: statement.partnerName, currency: contract.currency, lines: [] }).get(key)!;
      into.lines.push(...statement.lines.map((l) => ({ ...l, contractId: contract.id })));
    }
  }

  return db.$transaction(
    async (tx) => {
      await lockName(tx, `payouts:${input.period}`);
      const partnerIds = await ensurePartners(tx, ctx, [...gathered.values()], defaults);
      const existing = await tx.payoutStatement.findMany({ where: { period: input.period }, select: { id: true, partnerId: true, currency: true, status: true } });
      const kept = existing.filter((s) => !isRedraftable(s.status));
      await tx.payoutStatement.deleteMany({ where: { id: { in: existing.filter((s) => isRedraftable(s.status)).map((s) => s.id) } } });
      const drafted: string[] = [];
      const skipped: Array<{ partnerKey: string; currency: string; status: string }> = [];
      for (const g of [...gathered.values()].sort((a, b) => (a.partnerKey + a.currency < b.partnerKey + b.currency ? -1 : 1))) {
        const partnerId = partnerIds.get(g.partnerKey)!;
        const frozen = kept.find((s) => s.partnerId === partnerId && s.currency === g.currency);
        if (frozen) {
          skipped.push({ partnerKey: g.partnerKey, currency: g.currency, status: frozen.status });
          continue;
        }
        const total = g.lines.reduce((sum, l) => sum.plus(l.amount), new Dec(0));
        const revenue = g.lines.reduce((sum, l) => sum.plus(revenueOf(l)), new Dec(0));
        const statement = await tx.payoutStatement.create({ data: { partnerId, period: input.period, currency: g.currency, total: total.toFixed(), revenue: revenue.toFixed() }, select: { id: true } });
        // In chunks: one statement of a large month has tens of thousands of lines, and one statement for all of
        // them would hold every row's parameters in memory at once.
        for (let from = 0; from < g.lines.length; from += STATEMENT_LINES_PER_INSERT) {
          await tx.payoutStatementLine.createMany({
            data: g.lines.slice(from, from + STATEMENT_LINES_PER_INSERT).map((l, i) => ({
              statementId: statement.id,
              contractId: l.contractId,
              position: from + i,
              key: l.key,
              kind: l.kind,
              lineKey: l.lineKey,
              description: l.description,
              quantity: l.quantity,
              revenue: revenueOf(l).toFixed(),
              unrounded: l.unrounded,
              amount: l.amount,
              trace: l.trace,
            })),
          });
        }
        drafted.push(statement.id);
        await recordAudit(tx, ctx, { action: "payoutStatement.drafted", entityId: statement.id, after: { partner: g.partnerKey, period: input.period, currency: g.currency, total: total.toFixed(), lines: g.lines.length } });
      }
      if (credited.length > 0) await tx.conversion.updateMany({ where: { id: { in: credited }, creditedPeriod: null }, data: { creditedPeriod: input.period } });
      return { period: input.period, contracts: contracts.length, drafted: drafted.length, skipped, flags };
    },
    { timeout: 120_000 },
  );
}

/** Partner rows for every partner a statement is drafted for: contract terms may name a partner not recorded yet. */
async function ensurePartners(tx: Tx, ctx: RequestContext, gathered: Gathered[], known: Map<string, { id: string }>) {
  const ids = new Map([...known].map(([key, p]) => [key, p.id]));
  for (const g of gathered) {
    if (ids.has(g.partnerKey)) continue;
    const partner = await tx.partner.upsert({ where: { key: g.partnerKey }, create: { key: g.partnerKey, name: g.partnerName }, update: {}, select: { id: true, key: true, name: true } });
    ids.set(g.partnerKey, partner.id);
    await recordAudit(tx, ctx, { action: "partner.created", entityId: partner.id, after: { ...partner, reason: "Named in contract partner terms" } });
  }
  return ids;
}
