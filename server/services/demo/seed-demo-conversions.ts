// Demo conversions and payouts: Globex's app-install line gets conversions over last month and the last days
// through the same ingestion service as the API — most attributed and eligible, some not (a view outside its
// window, a country the line does not buy, a returning customer, a repeated order). Ops approved last month's
// eligible ones; this month's wait in the review queue. The partners exist with their defaults, and finance has
// drafted last month's payout statements, ready for review.
import type { Actor, RequestContext } from "../../auth/actor";
import { systemActor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { periodBounds, shiftPeriod } from "../../domain/billing/billing-period";
import { addDays, daysInMonth, todayIso } from "../../domain/contracts/dates";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { ingestConversions } from "../conversions/ingest-conversions";
import { reviewConversions } from "../conversions/review-conversions";
import { createPartner } from "../partners/partners";
import { draftPayoutStatements } from "../payouts/draft-payout-statements";

const COUNTRIES = ["DE", "FR", "NL", "DE", "FR", "DE", "BE"];
const LAST_MONTH_CONVERSIONS = 24;
const RECENT_CONVERSIONS = 18;

/** Day of the i-th conversion: spread over last month, then over the nine days before today. */
function dayOf(i: number, today: string) {
  if (i >= LAST_MONTH_CONVERSIONS) return addDays(today, -9 + Math.floor((i - LAST_MONTH_CONVERSIONS) / 2));
  const { from } = periodBounds(shiftPeriod(today.slice(0, 7), -1));
  return addDays(from, Math.floor((i * daysInMonth(from)) / LAST_MONTH_CONVERSIONS));
}

export async function seedDemoConversions(db: Db, people: { ops: Actor; finance: Actor }) {
  const ctx: RequestContext = { actor: systemActor("demo attribution feed"), source: "CLI", requestId: "seed-demo-conversions" };
  const [globex] = (await findContractsWithTerms(db, ctx.actor, { status: "ACTIVE" })).filter((c) => c.versions.some((v) => v.terms.cpaLines.some((l) => l.key === "app-installs")));
  if (!globex) return;
  const today = todayIso();
  const rows = Array.from({ length: LAST_MONTH_CONVERSIONS + RECENT_CONVERSIONS }, (_, i) => {
    const day = dayOf(i, today);
    const purchase = i % 4 === 0;
    const at = `${day}T${String(8 + (i % 12)).padStart(2, "0")}:15:00Z`;
    const exposure = i % 9 === 5 ? { kind: "view", at: `${addDays(day, -3)}T10:00:00Z` } : { kind: i % 2 ? "click" : "view", at: `${day}T07:30:00Z` };
    return {
      externalId: `gx-${1000 + i}`,
      occurredAt: at,
      type: purchase ? "purchase" : "app_install",
      contract: globex.number,
      line: "app-installs",
      ...(purchase ? { value: (24.5 + i).toFixed(2), currency: globex.currency } : {}),
      geography: COUNTRIES[i % COUNTRIES.length],
      newCustomer: i % 10 !== 7,
      partner: i % 3 === 0 ? "affiliate-one" : "streamhub",
      dedupeKey: purchase ? `order-${Math.floor(i / 8)}` : null,
      exposures: [exposure],
    };
  });
  await ingestConversions(db, ctx, { idempotencyKey: `demo-${globex.number}-conversions`, rows }, "SYSTEM");

  const as = (actor: Actor): RequestContext => ({ actor, source: "CLI", requestId: "seed-demo-payouts" });
  await createPartner(db, as(people.ops), { key: "streamhub", name: "StreamHub Network", defaultPayout: { kind: "REVENUE_SHARE", percent: "30" }, email: "payouts@streamhub.example", paymentDetails: "IBAN DE89 3704 0044 0532 0130 00" });
  await createPartner(db, as(people.ops), { key: "affiliate-one", name: "Affiliate One", defaultPayout: { kind: "FLAT_PER_CONVERSION", amount: "1.50" }, email: "finance@affiliate-one.example", paymentDetails: "IBAN NL91 ABNA 0417 1643 00" });
  await createPartner(db, as(people.ops), { key: "dealfinder", name: "DealFinder", defaultPayout: { kind: "FLAT_PER_CONVERSION", amount: "2.00" }, email: null, paymentDetails: null });
  const lastMonth = rows.slice(0, LAST_MONTH_CONVERSIONS).map((r) => r.externalId);
  const approvable = await db.conversion.findMany({ where: { contractId: globex.id, externalId: { in: lastMonth }, eligibility: "ELIGIBLE" }, select: { id: true } });
  if (approvable.length > 0) await reviewConversions(db, as(people.ops), { decision: "APPROVE", ids: approvable.map((c) => c.id) });
  await draftPayoutStatements(db, as(people.finance), { period: shiftPeriod(today.slice(0, 7), -1) });
}
