// Reading payout statements and margins. Staff only (the router's permissions): advertisers never see what partners
// earn. Margins: advertiser revenue against partner payouts, per partner from the statements, per contract from the
// contract's priced months (the same pricing as its invoices) against the statement lines of that contract.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { shiftPeriod, ZBillingPeriod } from "../../domain/billing/billing-period";
import { Dec } from "../../domain/money";
import { notFound } from "../../errors";
import { priceContractPeriod } from "../billing/price-contract-period";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { pageOf, pageWindow } from "../pagination";

export const PAYOUT_STATUSES = ["DRAFT", "APPROVED", "PAID"] as const;

export const ZListPayoutStatementsRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  period: ZBillingPeriod.optional(),
  status: z.enum(PAYOUT_STATUSES).optional(),
});

const money = (d: { toFixed(): string }) => d.toFixed();

export async function listPayoutStatements(db: Db, input: z.infer<typeof ZListPayoutStatementsRequestSchema>) {
  const where = { ...(input.period && { period: input.period }), ...(input.status && { status: input.status }) };
  const [total, rows] = await Promise.all([
    db.payoutStatement.count({ where }),
    db.payoutStatement.findMany({
      where,
      include: { partner: { select: { key: true, name: true } }, _count: { select: { lines: true } } },
      orderBy: [{ period: "desc" }, { partner: { name: "asc" } }, { currency: "asc" }],
      ...pageWindow(input),
    }),
  ]);
  return pageOf(
    input,
    total,
    rows.map((s) => ({
      id: s.id,
      partnerKey: s.partner.key,
      partnerName: s.partner.name,
      period: s.period,
      currency: s.currency,
      status: s.status,
      total: money(s.total),
      revenue: money(s.revenue),
      lineCount: s._count.lines,
      draftedAt: s.draftedAt,
      approvedAt: s.approvedAt,
      paidAt: s.paidAt,
      paidReference: s.paidReference,
    })),
  );
}

export async function getPayoutStatement(db: Db, id: string) {
  const s = await db.payoutStatement.findUnique({ where: { id }, include: { partner: true, lines: { orderBy: { position: "asc" } } } });
  if (!s) throw notFound("Payout statement not found");
  const people = await db.user.findMany({ where: { id: { in: [s.approvedById, s.paidById].filter((x): x is string => x !== null) } }, select: { id: true, name: true } });
  const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
  const contracts = await db.contract.findMany({ where: { id: { in: [...new Set(s.lines.map((l) => l.contractId))] } }, select: { id: true, number: true } });
  return {
    id: s.id,
    partner: { id: s.partner.id, key: s.partner.key, name: s.partner.name, email: s.partner.email, paymentDetails: s.partner.paymentDetails },
    period: s.period,
    currency: s.currency,
    status: s.status,
    total: money(s.total),
    revenue: money(s.revenue),
    draftedAt: s.draftedAt,
    approvedAt: s.approvedAt,
    approvedBy: nameOf(s.approvedById),
    paidAt: s.paidAt,
    paidBy: nameOf(s.paidById),
    paidReference: s.paidReference,
    lines: s.lines.map((l) => ({
      id: l.id,
      contractId: l.contractId,
      contractNumber: contracts.find((c) => c.id === l.contractId)?.number ?? "",
      kind: l.kind,
      lineKey: l.lineKey,
      description: l.description,
      quantity: l.quantity,
      revenue: money(l.revenue),
      unrounded: l.unrounded,
      amount: money(l.amount),
    })),
  };
}

export const ZPayoutMarginsRequestSchema = z.object({
  /** The last month shown; `months` months up to it. */
  through: ZBillingPeriod,
  months: z.number().int().min(1).max(24).default(6),
  contractId: z.string().uuid().optional(),
});

export interface MarginPoint {
  period: string;
  revenue: string;
  payouts: string;
  margin: string;
}

const monthsThrough = (through: string, months: number) => Array.from({ length: months }, (_, i) => shiftPeriod(through, i - months + 1));

/** Per partner (and currency): Σ revenue the statements were earned on vs Σ payouts, month by month. */
export async function partnerMargins(db: Db, input: z.infer<typeof ZPayoutMarginsRequestSchema>) {
  const periods = monthsThrough(input.through, input.months);
  const rows = await db.payoutStatement.findMany({ where: { period: { in: periods } }, include: { partner: { select: { key: true, name: true } } } });
  const series = new Map<string, { partnerKey: string; partnerName: string; currency: string; points: MarginPoint[] }>();
  for (const s of rows) {
    const key = `${s.partner.key}|${s.currency}`;
    const entry =
      series.get(key) ??
      series.set(key, { partnerKey: s.partner.key, partnerName: s.partner.name, currency: s.currency, points: periods.map((period) => ({ period, revenue: "0", payouts: "0", margin: "0" })) }).get(key)!;
    const point = entry.points.find((p) => p.period === s.period)!;
    point.revenue = new Dec(point.revenue).plus(s.revenue.toFixed()).toFixed();
    point.payouts = new Dec(point.payouts).plus(s.total.toFixed()).toFixed();
    point.margin = new Dec(point.revenue).minus(point.payouts).toFixed();
  }
  return { periods, partners: [...series.values()].sort((a, b) => (a.partnerName < b.partnerName ? -1 : 1)) };
}

/** One contract: its priced revenue per month (invoice pricing) vs the partner payouts drafted on it. */
export async function contractMargins(db: Db, actor: Actor, input: z.infer<typeof ZPayoutMarginsRequestSchema> & { contractId: string }) {
  const [contract] = await findContractsWithTerms(db, actor, { id: input.contractId });
  if (!contract) throw notFound("Contract not found");
  const periods = monthsThrough(input.through, input.months);
  const lines = await db.payoutStatementLine.findMany({ where: { contractId: contract.id, statement: { period: { in: periods }, currency: contract.currency } }, select: { amount: true, statement: { select: { period: true } } } });
  const points: MarginPoint[] = [];
  for (const period of periods) {
    const revenue = (await priceContractPeriod(db, contract, period)).draft.total;
    const payouts = lines.filter((l) => l.statement.period === period).reduce((sum, l) => sum.plus(l.amount.toFixed()), new Dec(0));
    points.push({ period, revenue, payouts: payouts.toFixed(), margin: new Dec(revenue).minus(payouts).toFixed() });
  }
  return { contract: { id: contract.id, number: contract.number, title: contract.title, currency: contract.currency }, points };
}
