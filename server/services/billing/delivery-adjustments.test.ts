// Late delivery on a real database: September is invoiced and issued, then its delivery is corrected. The issued
// invoice never changes; October's draft carries the difference as an adjustment line pointing at September's
// invoice (flagged, explained, in the partners' revenue); once October is issued, November bills only what changed
// since — an adjustment is billed once, and a draft whose adjustment was billed meanwhile is not issued. What an
// adjustment billed counts against the line's lifetime budget in later months.
import { beforeAll, describe, expect, it } from "vitest";
import { useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { findContractsWithTerms, type ContractWithTerms } from "../contracts/contract-terms-in-force";
import { ingestDelivery } from "../delivery/ingest-delivery";
import { draftContractInvoice } from "../invoices/draft-contract-invoice";
import { invoicedPayoutBases } from "../payouts/payout-basis";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);
let contract: ContractWithTerms;

async function deliver(idempotencyKey: string, day: string, impressions: number, to = contract) {
  await ingestDelivery(t.db, requestAs(cast.ops), { idempotencyKey, rows: [{ date: day, contract: to.number, line: "sports", source: "first_party", impressions }] });
}

async function draftAndRead(period: string, of = contract) {
  const { invoiceId } = await draftContractInvoice(t.db, of, period);
  return as(cast.finance).invoices.byId({ id: invoiceId });
}

/** Sports at 10.00 per thousand, from September 2026; with a lifetime budget if given one. */
async function sportsContract(lifetimeBudget: string | null = null) {
  const created = await active({
    header: { termStart: "2026-09-01", termEnd: "2027-08-31" },
    terms: { cpmLines: [{ key: "sports", name: "Sports", inventoryType: "Sports", billableSource: "FIRST_PARTY", lifetimeBudget, pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "10" } } }] },
  });
  return (await findContractsWithTerms(t.db, cast.finance, { id: created.contract.id }))[0];
}

beforeAll(async () => {
  contract = await sportsContract();
  await deliver("sep", "2026-09-10", 200_000);
  await deliver("oct", "2026-10-10", 100_000);
  await deliver("nov", "2026-11-10", 50_000);
});

describe("delivery corrected after its month was invoiced", () => {
  let september: Awaited<ReturnType<typeof draftAndRead>>;

  it("leaves the issued invoice as it was and bills the difference on the next draft, pointing at what it corrects", async () => {
    september = await draftAndRead("2026-09");
    expect(september.total).toBe("2000");
    const { number } = await as(cast.finance).invoices.issue({ id: september.id });
    // Verifier counts arrive late: 250,000 impressions on 10 September, not 200,000.
    await deliver("sep-correction", "2026-09-10", 250_000);

    const october = await draftAndRead("2026-10");
    expect(october.lines.map((l) => [l.kind, l.key, l.quantity, l.amount])).toEqual([
      ["CPM", expect.stringMatching(/^cpm:sports:/), "100000", "1000"],
      ["DELIVERY_ADJUSTMENT", "adjust:2026-09:sports", "50000", "500"],
    ]);
    expect(october.total).toBe("1500");
    const adjustment = october.lines[1];
    expect(adjustment.description).toBe(`Delivery correction — sports, September 2026 (${number})`);
    expect(adjustment.explanation).toEqual([
      `Delivery of line “sports” in 2026-09 changed after ${number} was drafted: 200,000 billable impressions billed, 250,000 now.`,
      "That month priced again with today's delivery: 2,500.00 USD; billed for it so far (with earlier adjustments): 2,000.00 USD.",
      "The difference is billed here: 500.00 USD.",
    ]);
    expect(october.flags.map((f) => f.kind)).toContain("DELIVERY_ADJUSTED");
    expect((await as(cast.finance).invoices.byId({ id: september.id })).lines).toEqual(september.lines);
    // Partners are paid their share of the corrected revenue with October.
    expect((await invoicedPayoutBases(t.db, "2026-10", [contract.id])).get(contract.id)!.cpmLines).toEqual([{ lineKey: "sports", amount: "1500" }]);
  });

  it("bills an adjustment once: after October is issued, November carries only a later change", async () => {
    const october = await draftAndRead("2026-10");
    await as(cast.finance).invoices.issue({ id: october.id });
    const november = await draftAndRead("2026-11");
    expect(november.lines.map((l) => l.kind)).toEqual(["CPM"]);
    expect(november.total).toBe("500");

    // A second correction, down this time: 220,000 in the end. 2,200 against 2,000 + 500 billed: −300.
    await deliver("sep-correction-2", "2026-09-10", 220_000);
    const redrafted = await draftAndRead("2026-11");
    expect(redrafted.lines.map((l) => [l.kind, l.key, l.quantity, l.amount])).toEqual([
      ["CPM", expect.stringMatching(/^cpm:sports:/), "50000", "500"],
      ["DELIVERY_ADJUSTMENT", "adjust:2026-09:sports", "-30000", "-300"],
    ]);
    expect(redrafted.total).toBe("200");
  });

  it("refuses to issue a draft whose adjustment another invoice issued since has billed; regenerated, it drops it", async () => {
    // November and December both drafted while November is not issued: both carry September's −300.
    const december = await draftAndRead("2026-12");
    expect(december.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["CPM", "0"],
      ["DELIVERY_ADJUSTMENT", "-300"],
    ]);
    const november = await draftAndRead("2026-11");
    const { number } = await as(cast.finance).invoices.issue({ id: november.id });
    await expect(as(cast.finance).invoices.issue({ id: december.id })).rejects.toThrow(
      `${number} was issued since this draft was written and adjusts the same month's delivery: regenerate the draft before issuing it`,
    );
    expect(await as(cast.finance).invoices.regenerate({ id: december.id })).toMatchObject({ total: "0", lineCount: 1 });
    expect(await as(cast.finance).invoices.issue({ id: december.id })).toMatchObject({ total: "0" });
  });

  it("bills delivery that arrived between drafting and issuing on the next draft", async () => {
    const other = await sportsContract();
    await deliver("other-sep", "2026-09-05", 100_000, other);
    const september = await draftAndRead("2026-09", other);
    await deliver("other-sep-late", "2026-09-06", 30_000, other);
    await as(cast.finance).invoices.issue({ id: september.id });
    expect((await as(cast.finance).invoices.byId({ id: september.id })).total).toBe("1000");
    const october = await draftAndRead("2026-10", other);
    expect(october.lines.filter((l) => l.kind === "DELIVERY_ADJUSTMENT").map((l) => [l.quantity, l.amount])).toEqual([["30000", "300"]]);
  });
});

describe("a lifetime budget after late delivery", () => {
  it("counts adjustments issued for earlier months as billed: what is left of the budget shrinks by them", async () => {
    const budgeted = await sportsContract("4000");
    await deliver("budget-sep", "2026-09-10", 200_000, budgeted);
    await deliver("budget-oct", "2026-10-10", 100_000, budgeted);
    await deliver("budget-nov", "2026-11-10", 80_000, budgeted);
    await as(cast.finance).invoices.issue({ id: (await draftAndRead("2026-09", budgeted)).id });
    await deliver("budget-sep-late", "2026-09-10", 250_000, budgeted);
    // October: its own 1,000 (4,000 − 2,000 billed leaves room) and September's +500.
    const october = await draftAndRead("2026-10", budgeted);
    expect(october.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["CPM", "1000"],
      ["DELIVERY_ADJUSTMENT", "500"],
    ]);
    await as(cast.finance).invoices.issue({ id: october.id });
    // November: 2,000 + 1,000 + 500 billed before it leaves 500 of the budget for its 800.
    const november = await draftAndRead("2026-11", budgeted);
    expect(november.lines.map((l) => [l.kind, l.amount])).toEqual([["CPM", "500"]]);
  });
});

describe("a month invoiced again after its invoice was voided", () => {
  it("deducts the corrections already billed for it on later invoices, so its delivery is billed once in all", async () => {
    const voided = await sportsContract();
    await deliver("void-sep", "2026-09-10", 200_000, voided);
    const september = await draftAndRead("2026-09", voided);
    const { number: first } = await as(cast.finance).invoices.issue({ id: september.id });
    await deliver("void-sep-late", "2026-09-10", 250_000, voided);
    const october = await draftAndRead("2026-10", voided);
    const { number: adjusting } = await as(cast.finance).invoices.issue({ id: october.id });
    expect(october.lines.map((l) => [l.kind, l.amount])).toEqual([
      ["CPM", "0"],
      ["DELIVERY_ADJUSTMENT", "500"],
    ]);

    await as(cast.finance).invoices.void({ id: september.id, reason: "Sent to the wrong billing address" });
    // September again, with today's 250,000 (2,500), less the 500 October billed for it: 2,000 more, 2,500 in all.
    const again = await draftAndRead("2026-09", voided);
    expect(again.lines.map((l) => [l.kind, l.key, l.quantity, l.amount])).toEqual([
      ["CPM", expect.stringMatching(/^cpm:sports:/), "250000", "2500"],
      ["DELIVERY_ADJUSTMENT", "adjust:2026-09:sports", "-50000", "-500"],
    ]);
    expect(again.lines[1].description).toBe(`Delivery corrections for sports, September 2026, already billed on ${adjusting}`);
    expect(again.lines[1].explanation[0]).toContain(`${first}, this month's earlier invoice, was voided`);
    expect(again.flags.map((f) => f.message)).toContain(`Corrections of line “sports” in 2026-09 billed on ${adjusting} against the voided ${first}: 500.00 USD deducted`);
    expect((await invoicedPayoutBases(t.db, "2026-09", [voided.id])).get(voided.id)!.cpmLines).toEqual([{ lineKey: "sports", amount: "2000" }]);
    await as(cast.finance).invoices.issue({ id: again.id });

    // A later correction of the month is measured against everything billed for it: 2,500 − 500 + 500, now 3,000.
    await deliver("void-sep-later", "2026-09-10", 300_000, voided);
    const november = await draftAndRead("2026-11", voided);
    expect(november.lines.filter((l) => l.kind === "DELIVERY_ADJUSTMENT").map((l) => [l.quantity, l.amount])).toEqual([["50000", "500"]]);
  });
});

describe("a lifetime budget when an earlier month is priced again", () => {
  it("counts the corrections of the months before it, whichever invoice billed them", async () => {
    const budgeted = await sportsContract("4000");
    await deliver("repriced-sep", "2026-09-10", 200_000, budgeted);
    await deliver("repriced-oct", "2026-10-10", 100_000, budgeted);
    await as(cast.finance).invoices.issue({ id: (await draftAndRead("2026-09", budgeted)).id });
    await deliver("repriced-sep-late", "2026-09-10", 250_000, budgeted);
    // October bills its 1,000 and September's +500, issued together.
    await as(cast.finance).invoices.issue({ id: (await draftAndRead("2026-10", budgeted)).id });
    // October's delivery doubles. Priced again, October has 4,000 − (2,000 + 500) = 1,500 of the budget left for its
    // 2,000: 500 more, not 1,000 (which would bill 4,500 against a 4,000 budget).
    await deliver("repriced-oct-late", "2026-10-10", 200_000, budgeted);
    const november = await draftAndRead("2026-11", budgeted);
    expect(november.lines.filter((l) => l.kind === "DELIVERY_ADJUSTMENT").map((l) => [l.key, l.amount])).toEqual([["adjust:2026-10:sports", "500"]]);
  });
});
