// Partner payouts on a real database: statements drafted from approved conversions with partner terms overriding
// defaults; redrafts replace drafts only; approval and payment through the state machine, concurrently; approved
// statements frozen by the database; a reversal after billing credits the advertiser and charges the partner back
// in the next month; tenancy and roles.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { addDays } from "../../domain/contracts/dates";
import { fromToday, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { useTestDatabase } from "../../testing/test-db";
import { ingestConversions } from "../conversions/ingest-conversions";
import { draftContractInvoice } from "../invoices/draft-contract-invoice";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { priceContractPeriod } from "../billing/price-contract-period";
import { draftPayoutStatements } from "./draft-payout-statements";
import { invoicedPayoutBases, payoutBasisOf } from "./payout-basis";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

let contractId: string;
let number: string;
let feed: Extract<Actor, { type: "API_KEY" }>;
/** A past day inside the term, and its month. */
let day: string;
let period: string;

const conversion = (externalId: string, partner: string | null, value = "100") => ({
  externalId,
  occurredAt: `${day}T12:00:00Z`,
  type: "purchase",
  contract: number,
  line: "shop",
  value,
  currency: "USD",
  partner,
  exposures: [{ kind: "click", at: `${addDays(day, -1)}T09:00:00Z` }],
});

/** How a refused procedure call reads to a client: its tRPC code, domain code and message. */
async function refusal(call: Promise<unknown>) {
  const error = await rejectionOf(call);
  return { code: error.code, appCode: clientErrorOf(error).data.appCode, message: error.message };
}

const statementsOf = async (p: string) => (await as(cast.finance).payouts.list({ period: p })).items.map((s) => [s.partnerKey, s.status, s.total]);

beforeAll(async () => {
  day = fromToday(-3);
  period = periodOf(day);
  // Purchases pay 10 + 5 % of value. Dealfinder: contract override 4.00 a conversion. Streamhub: its default, 20 % of revenue.
  const { contract } = await active({
    terms: {
      cpaLines: [{ key: "shop", name: "Shop purchases", payouts: [{ conversionType: "purchase", flat: "10", percentOfValue: "5" }], attribution: {}, eligibility: {} }],
      partnerTerms: [{ partnerKey: "dealfinder", partnerName: "DealFinder", payout: { kind: "FLAT_PER_CONVERSION", amount: "4" } }],
    },
  });
  [contractId, number] = [contract.id, contract.number];
  await as(cast.ops).partners.create({ key: "streamhub", name: "StreamHub", defaultPayout: { kind: "REVENUE_SHARE", percent: "20" } });
  await as(cast.ops).partners.create({ key: "dealfinder", name: "DealFinder Network", defaultPayout: { kind: "FLAT_PER_CONVERSION", amount: "3" } });
  feed = { type: "API_KEY", id: "acme-feed", label: "Acme feed", scopes: ["conversions:write", "conversions:reverse"], advertiserId: cast.acme.id };
  await ingestConversions(t.db, requestAs(feed), {
    idempotencyKey: "payouts-1",
    rows: [conversion("d1", "dealfinder"), conversion("d2", "dealfinder", "300"), conversion("s1", "streamhub", "50"), conversion("s2", "streamhub"), conversion("n1", null)],
  });
  const ids = (await t.db.conversion.findMany({ where: { contractId }, select: { id: true } })).map((c) => c.id);
  await as(cast.ops).conversions.review({ decision: "APPROVE", ids });
});

describe("payout statements", () => {
  it("drafts one statement per partner: the contract's override over the default, the default where none", async () => {
    const result = await as(cast.finance).payouts.draft({ period });
    expect(result).toMatchObject({ period, contracts: 1, drafted: 2, skipped: [], flags: [] });
    // DealFinder: 2 × 4.00 (override, not its default 3.00). StreamHub: 20 % × (12.50 + 15.00) = 5.50.
    expect(await statementsOf(period)).toEqual([
      ["dealfinder", "DRAFT", "8"],
      ["streamhub", "DRAFT", "5.5"],
    ]);
    const streamhub = (await as(cast.finance).payouts.list({ period })).items.find((s) => s.partnerKey === "streamhub")!;
    const detail = await as(cast.finance).payouts.byId({ id: streamhub.id });
    expect(detail.revenue).toBe("27.5");
    expect(detail.lines).toMatchObject([{ contractNumber: number, kind: "REVENUE_SHARE", lineKey: "shop", quantity: "27.5", amount: "5.5" }]);
  });

  it("redrafting replaces the drafts, without duplicates", async () => {
    await as(cast.finance).payouts.draft({ period });
    expect(await statementsOf(period)).toEqual([
      ["dealfinder", "DRAFT", "8"],
      ["streamhub", "DRAFT", "5.5"],
    ]);
    expect(await t.db.payoutStatementLine.count()).toBe(2);
  });

  it("approves once when two finance people approve at the same moment", async () => {
    const { id } = (await as(cast.finance).payouts.list({ period })).items.find((s) => s.partnerKey === "dealfinder")!;
    const outcomes = await Promise.allSettled([as(cast.finance).payouts.approve({ id }), as(cast.finance2).payouts.approve({ id })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason.message).toBe("This statement is already approved");
    expect(await t.db.auditLog.count({ where: { action: "payoutStatement.approved", entityId: id } })).toBe(1);
  });

  it("leaves an approved statement as it is on a redraft, and says so", async () => {
    const result = await as(cast.finance).payouts.draft({ period });
    expect(result.skipped).toEqual([{ partnerKey: "dealfinder", currency: "USD", status: "APPROVED" }]);
    expect(await statementsOf(period)).toEqual([
      ["dealfinder", "APPROVED", "8"],
      ["streamhub", "DRAFT", "5.5"],
    ]);
  });

  it("is frozen by the database once approved: lines and totals cannot be changed by SQL", async () => {
    const { id } = (await as(cast.finance).payouts.list({ period, status: "APPROVED" })).items[0];
    await expect(t.db.$executeRaw`UPDATE payout_statement_line SET amount = 0 WHERE statement_id = ${id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(t.db.$executeRaw`UPDATE payout_statement SET total = 0 WHERE id = ${id}::uuid`).rejects.toThrow(/can only be marked paid/);
    await expect(t.db.$executeRaw`DELETE FROM payout_statement WHERE id = ${id}::uuid`).rejects.toThrow(/cannot be deleted/);
  });

  it("is marked paid with a reference, only after approval", async () => {
    const list = (await as(cast.finance).payouts.list({ period })).items;
    const dealfinder = list.find((s) => s.partnerKey === "dealfinder")!;
    const streamhub = list.find((s) => s.partnerKey === "streamhub")!;
    expect((await refusal(as(cast.finance).payouts.markPaid({ id: streamhub.id, reference: "WIRE-1" }))).message).toBe("Approve the statement before marking it paid");
    expect((await refusal(as(cast.finance).payouts.markPaid({ id: dealfinder.id, reference: "" }))).appCode).toBe("VALIDATION_FAILED");
    const paid = await as(cast.finance).payouts.markPaid({ id: dealfinder.id, reference: "WIRE-2026-118" });
    expect(paid).toMatchObject({ status: "PAID", paidReference: "WIRE-2026-118" });
    expect((await refusal(as(cast.finance).payouts.markPaid({ id: dealfinder.id, reference: "WIRE-AGAIN" }))).message).toBe("This statement is already paid");
  });

  it("is for finance: ops and advertisers are refused, and an unknown statement is not found", async () => {
    expect((await refusal(as(cast.ops).payouts.list({}))).appCode).toBe("FORBIDDEN");
    expect((await refusal(as(cast.acmeUser).payouts.list({}))).appCode).toBe("FORBIDDEN");
    expect((await refusal(as(cast.ops).payouts.draft({ period }))).appCode).toBe("FORBIDDEN");
    expect((await refusal(as(cast.finance).payouts.byId({ id: "00000000-0000-4000-8000-000000000000" }))).appCode).toBe("NOT_FOUND");
  });
});

describe("reversal after billing", () => {
  const next = () => shiftPeriod(period, 1);

  beforeAll(async () => {
    // The month is drafted and issued: issuing records each conversion's exact billed amount.
    const [contract] = await findContractsWithTerms(t.db, cast.finance, { id: contractId });
    const { invoiceId } = await draftContractInvoice(t.db, contract, period);
    await as(cast.finance).invoices.issue({ id: invoiceId });
  });

  it("records on each billed conversion what the issued invoice billed for it", async () => {
    const d2 = await t.db.conversion.findFirstOrThrow({ where: { externalId: "d2" } });
    expect([d2.billedPeriod, d2.billedAmount?.toFixed()]).toEqual([period, "25"]);
  });

  it("is refused for a conversion not billed yet, and for another advertiser's conversion it is not found", async () => {
    const globexFeed = { ...feed, id: "globex-feed", advertiserId: cast.globex.id };
    expect((await refusal(as(globexFeed).conversions.reverse({ externalIds: ["d2"], reason: "RETURNED_ORDER" }))).appCode).toBe("NOT_FOUND");
    await t.db.conversion.updateMany({ where: { externalId: "n1" }, data: { billedAt: null } });
    expect((await refusal(as(feed).conversions.reverse({ externalIds: ["n1"], reason: "RETURNED_ORDER" }))).appCode).toBe("CONVERSION_NOT_REVERSIBLE");
  });

  it("a billed conversion cannot be approved or rejected any more: it is locked", async () => {
    const d2 = await t.db.conversion.findFirstOrThrow({ where: { externalId: "d2" } });
    expect((await refusal(as(cast.ops).conversions.review({ decision: "REJECT", ids: [d2.id], reason: "FRAUD" }))).message).toMatch(/already billed and locked/);
    expect((await refusal(as(cast.ops).conversions.review({ decision: "APPROVE", ids: [d2.id] }))).message).toMatch(/already billed and locked/);
  });

  it("credits the advertiser exactly what was billed and charges the partner back, in the next month", async () => {
    // d2 (DealFinder, value 300) was billed 10 + 5 % × 300 = 25.
    expect(await as(feed).conversions.reverse({ externalIds: ["d2"], reason: "RETURNED_ORDER" })).toEqual({ reversed: 1, alreadyReversed: 0 });
    expect(await as(feed).conversions.reverse({ externalIds: ["d2"], reason: "RETURNED_ORDER" })).toEqual({ reversed: 0, alreadyReversed: 1 });
    const preview = await as(cast.finance).billing.preview({ contractId, period: next() });
    expect(preview.draft.lines.filter((l) => l.kind === "CPA_CREDIT").map((l) => [l.key, l.amount])).toEqual([["cpa-credit:shop", "-25.00"]]);
    await as(cast.finance).payouts.draft({ period: next() });
    const statement = (await as(cast.finance).payouts.list({ period: next() })).items.find((s) => s.partnerKey === "dealfinder")!;
    // Charged back what the same terms pay for it: −4.00.
    expect(statement.total).toBe("-4");
    expect((await t.db.conversion.findFirstOrThrow({ where: { externalId: "d2" } })).creditedPeriod).toBe(next());
  });
});

describe("a month of several pages", () => {
  const streamhubConversions = (contract: string, prefix: string) => [
    { ...conversion(`${prefix}-1`, "streamhub", "80"), contract },
    { ...conversion(`${prefix}-2`, "streamhub"), contract },
    { ...conversion(`${prefix}-3`, null), contract },
  ];

  beforeAll(async () => {
    // Three more contracts with conversions through StreamHub this month; the second overrides its default (2.00 a
    // conversion). None has an invoice for the month (priced on the spot); the first contract's is issued.
    const overrides = [[], [{ partnerKey: "streamhub", partnerName: "StreamHub Media", payout: { kind: "FLAT_PER_CONVERSION" as const, amount: "2" } }], []];
    for (const [i, partnerTerms] of overrides.entries()) {
      const { contract } = await active({
        terms: { cpaLines: [{ key: "shop", name: "Shop purchases", payouts: [{ conversionType: "purchase", flat: "10", percentOfValue: "5" }], attribution: {}, eligibility: {} }], partnerTerms },
      });
      await ingestConversions(t.db, requestAs(feed), { idempotencyKey: `pages-${i}`, rows: streamhubConversions(contract.number, `page${i}`) });
      const ids = (await t.db.conversion.findMany({ where: { contractId: contract.id }, select: { id: true } })).map((c) => c.id);
      await as(cast.ops).conversions.review({ decision: "APPROVE", ids });
    }
  });

  const streamhubLines = async () => {
    const statement = await t.db.payoutStatement.findFirstOrThrow({ where: { period, partner: { key: "streamhub" } }, include: { lines: { orderBy: { position: "asc" } } } });
    const numbers = new Map((await t.db.contract.findMany({ select: { id: true, number: true } })).map((c) => [c.id, c.number]));
    return { total: statement.total.toFixed(), lines: statement.lines.map((l) => [numbers.get(l.contractId), l.position, l.key, l.amount.toFixed(), l.trace]) };
  };

  it("drafts the same statements in pages of three contracts as in one page, lines in contract order", async () => {
    const whole = await draftPayoutStatements(t.db, requestAs(cast.finance), { period });
    const wholeLines = await streamhubLines();
    const paged = await draftPayoutStatements(t.db, requestAs(cast.finance), { period }, { contractsPerPage: 3 });
    expect(paged).toEqual(whole);
    expect(await streamhubLines()).toEqual(wholeLines);
    expect(whole).toMatchObject({ contracts: 4, drafted: 1, skipped: [{ partnerKey: "dealfinder", status: "PAID" }] });
    // StreamHub: s1 and s2 on the first contract's issued invoice (20 % × 27.50), then 20 % × (14 + 15), 2 × 2.00 (the
    // second's override) and 20 % × (14 + 15) on the three new ones, in contract order.
    expect(wholeLines.lines.map(([contract, position, key, amount]) => [contract, position, key, amount])).toEqual([
      [number, 0, "share:shop", "5.5"],
      [expect.any(String), 1, "share:shop", "5.8"],
      [expect.any(String), 2, "flat:shop", "4"],
      [expect.any(String), 3, "share:shop", "5.8"],
    ]);
    const numbers = wholeLines.lines.map(([contract]) => contract as string);
    expect(numbers).toEqual([...numbers].sort());
  });
});

describe("the payout basis stored with a draft", () => {
  it("is what pricing the month gives: revenue by line, conversions tallied by partner and line, partner terms", async () => {
    const { contract } = await active({
      terms: {
        cpaLines: [{ key: "shop", name: "Shop purchases", payouts: [{ conversionType: "purchase", flat: "10", percentOfValue: "5" }], attribution: {}, eligibility: {} }],
        partnerTerms: [{ partnerKey: "streamhub", partnerName: "StreamHub Media", payout: { kind: "REVENUE_SHARE", percent: "15" } }],
      },
    });
    const rows = [...Array.from({ length: 55 }, (_, i) => ({ ...conversion(`basis-${i}`, "streamhub", `${i}.25`), contract: contract.number })), { ...conversion("basis-none", null, "7"), contract: contract.number }];
    await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "basis-1", rows });
    const ids = (await t.db.conversion.findMany({ where: { contractId: contract.id }, select: { id: true } })).map((c) => c.id);
    await as(cast.ops).conversions.review({ decision: "APPROVE", ids });
    const [withTerms] = await findContractsWithTerms(t.db, cast.finance, { id: contract.id });
    const priced = payoutBasisOf(withTerms, period, await priceContractPeriod(t.db, withTerms, period));
    await draftContractInvoice(t.db, withTerms, period);
    const stored = (await invoicedPayoutBases(t.db, period, [contract.id])).get(contract.id)!;
    expect(stored).toEqual(priced);
    expect(stored.partnerTerms.map((p) => p.partnerKey)).toEqual(["streamhub"]);
    expect(stored.conversions.map((c) => [c.partnerKey, c.count, c.ids.length]).sort()).toEqual([
      [null, 1, 1],
      ["streamhub", 55, 50],
    ]);
  });

  it("is frozen with the invoice once issued", async () => {
    const { id } = await t.db.invoice.findFirstOrThrow({ where: { contractId, period } });
    await expect(t.db.$executeRaw`UPDATE invoice SET payout_basis = '{}' WHERE id = ${id}::uuid`).rejects.toThrow(/cannot change/);
  });
});
