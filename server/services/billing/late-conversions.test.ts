// Conversions approved after their month was invoiced, on a real database: October is issued with the conversions
// approved by then; one approved afterwards is billed on November's draft, priced as October would have priced it,
// pointing at October's invoice (flagged, explained, in the partners' basis). It is billed once: while it waits on
// November's open draft no other month takes it, and once November is issued it is billed in November for good.
// Voiding an invoice gives back the conversions it billed; a month invoiced again never bills one billed late on
// another month's invoice; and a draft still holding a conversion billed meanwhile is refused at issue.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms, type ContractWithTerms } from "../contracts/contract-terms-in-force";
import { ingestConversions } from "../conversions/ingest-conversions";
import { draftContractInvoice } from "../invoices/draft-contract-invoice";
import { invoicedPayoutBases } from "../payouts/payout-basis";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
let contract: ContractWithTerms;
let feed: Extract<Actor, { type: "API_KEY" }>;

const purchase = (externalId: string, day: string) => ({
  externalId,
  occurredAt: `${day}T12:00:00Z`,
  type: "purchase",
  contract: contract.number,
  line: "shop",
  value: "100.00",
  currency: "USD",
  geography: "DE",
  newCustomer: true,
  partner: "adnet",
  exposures: [{ kind: "click", at: `${day}T09:00:00Z` }],
});

const idOf = async (externalId: string) => (await t.db.conversion.findFirstOrThrow({ where: { contractId: contract.id, externalId } })).id;
const approve = async (...externalIds: string[]) => as(cast.ops).conversions.review({ decision: "APPROVE", ids: await Promise.all(externalIds.map(idOf)) });

async function draftAndRead(period: string) {
  const { invoiceId } = await draftContractInvoice(t.db, contract, period);
  return as(cast.finance).invoices.byId({ id: invoiceId });
}

beforeAll(async () => {
  const created = await active({
    header: { termStart: "2026-09-01", termEnd: "2027-08-31" },
    terms: {
      cpaLines: [
        {
          key: "shop",
          name: "Shop purchases",
          payouts: [{ conversionType: "purchase", flat: "5", percentOfValue: "10" }],
          attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
          eligibility: { conversionTypes: ["purchase"], geographies: ["DE"], newCustomersOnly: false },
        },
      ],
    },
  });
  contract = (await findContractsWithTerms(t.db, cast.finance, { id: created.contract.id }))[0];
  feed = { type: "API_KEY", id: "late-feed", label: "Late feed", scopes: ["conversions:write"], advertiserId: contract.advertiserId };
  await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "october", rows: [purchase("ord-1", "2026-10-10"), purchase("ord-2", "2026-10-12"), purchase("ord-3", "2026-10-20")] });
  await approve("ord-1", "ord-2");
});

describe("a conversion approved after its month was invoiced", () => {
  it("is billed on the next draft as its month would have priced it, pointing at that month's invoice", async () => {
    const october = await draftAndRead("2026-10");
    // 2 × (5 + 10 % × 100) = 30.
    expect(october.lines.map((l) => [l.key, l.amount])).toEqual([["cpa:shop:v1:purchase", "30"]]);
    const { number } = await as(cast.finance).invoices.issue({ id: october.id });
    await approve("ord-3");

    const november = await draftAndRead("2026-11");
    expect(november.lines.map((l) => [l.kind, l.key, l.quantity, l.amount])).toEqual([["CPA", "cpa-late:2026-10:shop:v1:purchase", "1", "15"]]);
    expect(november.lines[0].description).toBe(`Shop purchases — 1 purchase conversion of October 2026, approved after ${number} was issued (v1)`);
    expect(november.lines[0].explanation[0]).toContain(`approved after ${number} was issued`);
    expect(november.flags.find((f) => f.kind === "LATE_CONVERSIONS")?.message).toBe(`1 conversion of 2026-10 on line “shop” approved after ${number} was issued: 15.00 USD billed here`);
    expect((await invoicedPayoutBases(t.db, "2026-11", [contract.id])).get(contract.id)!.conversions).toEqual([
      expect.objectContaining({ lineKey: "shop", partnerKey: "adnet", count: 1, revenue: "15" }),
    ]);
    // October's issued invoice is as it was.
    expect((await as(cast.finance).invoices.byId({ id: october.id })).lines).toEqual(october.lines);
  });

  it("is billed once: no other month's draft takes it while November's holds it, and it is November's once issued", async () => {
    const december = await draftAndRead("2026-12");
    expect(december.lines).toEqual([]);

    const november = await draftAndRead("2026-11");
    await as(cast.finance).invoices.issue({ id: november.id });
    expect(await t.db.conversion.findUniqueOrThrow({ where: { id: await idOf("ord-3") } })).toMatchObject({ billedPeriod: "2026-11" });
    expect((await t.db.conversion.findUniqueOrThrow({ where: { id: await idOf("ord-3") } })).billedAmount?.toFixed()).toBe("15");
    expect((await draftAndRead("2026-12")).lines).toEqual([]);
  });

  it("is not taken by a month whose invoice is still a draft: that draft bills it when drafted again", async () => {
    await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "september", rows: [purchase("ord-5", "2026-09-15")] });
    const september = await draftAndRead("2026-09");
    expect(september.lines).toEqual([]);
    await approve("ord-5");
    expect((await draftAndRead("2026-12")).lines).toEqual([]);
    expect((await draftAndRead("2026-09")).lines.map((l) => [l.key, l.amount])).toEqual([["cpa:shop:v1:purchase", "15"]]);
  });

  const invoiceOf = async (period: string) => (await t.db.invoice.findFirstOrThrow({ where: { contractId: contract.id, period, status: { not: "VOID" } } })).id;
  const voidMonth = async (period: string) => as(cast.finance).invoices.void({ id: await invoiceOf(period), reason: "Issued in error, to be invoiced again" });

  it("is given back when the invoice that billed it is voided: the next draft bills it late again, once", async () => {
    await voidMonth("2026-11");
    expect(await t.db.conversion.findUniqueOrThrow({ where: { id: await idOf("ord-3") } })).toMatchObject({ billedAt: null, billedPeriod: null, billedAmount: null });
    const december = await draftAndRead("2026-12");
    expect(december.lines.map((l) => [l.key, l.amount])).toEqual([["cpa-late:2026-10:shop:v1:purchase", "15"]]);
    // November invoiced again: December's draft holds it.
    expect((await draftAndRead("2026-11")).lines).toEqual([]);
  });

  it("is billed by its own month when that is invoiced again, and a draft still holding it is then refused at issue", async () => {
    await voidMonth("2026-10");
    const october = await draftAndRead("2026-10");
    expect(october.lines.map((l) => [l.key, l.quantity, l.amount])).toEqual([["cpa:shop:v1:purchase", "3", "45"]]);
    await as(cast.finance).invoices.issue({ id: october.id });
    const december = await invoiceOf("2026-12");
    await expect(as(cast.finance).invoices.issue({ id: december })).rejects.toThrow("1 conversion it bills was billed meanwhile in 2026-10: regenerate the draft before issuing it");
    expect((await draftAndRead("2026-12")).lines).toEqual([]);
  });

  it("is not billed again when its month is invoiced again after it was billed late elsewhere", async () => {
    await ingestConversions(t.db, requestAs(feed), { idempotencyKey: "october-late", rows: [purchase("ord-6", "2026-10-25")] });
    await approve("ord-6");
    const november = await draftAndRead("2026-11");
    expect(november.lines.map((l) => [l.key, l.amount])).toEqual([["cpa-late:2026-10:shop:v1:purchase", "15"]]);
    await as(cast.finance).invoices.issue({ id: november.id });
    await voidMonth("2026-10");
    // ord-1, ord-2 and ord-3, billed by the voided invoice, are billed again; ord-6 stays November's.
    expect((await draftAndRead("2026-10")).lines.map((l) => [l.key, l.quantity, l.amount])).toEqual([["cpa:shop:v1:purchase", "3", "45"]]);
  });
});
