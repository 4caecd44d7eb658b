import { describe, expect, it } from "vitest";
import { addDays, todayIso } from "../../domain/contracts/dates";
import { contractHeader, useContractWorld } from "../../testing/contracts";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();
const { cast, as } = useContractWorld(t);
const today = todayIso();
const entries = (sports: string) => [
  { key: "sports", name: "Sports", model: { model: "perMille" as const, ratePerThousand: sports } },
  { key: "news", name: "News", model: { model: "perMille" as const, ratePerThousand: "8.00" } },
];

describe("rate cards", () => {
  it("are created with version 1, published into new versions, and read with what changed", async () => {
    const ops = as(cast.ops);
    const { id } = await ops.rateCards.create({ name: "CTV CPM 2027", effectiveFrom: today, entries: entries("12.00") });
    expect(await ops.rateCards.publishVersion({ rateCardId: id, effectiveFrom: addDays(today, 30), entries: entries("13.00"), note: "Playoffs" })).toMatchObject({ number: 2 });
    const card = await as(cast.finance).rateCards.byId({ id });
    expect(card.inForceVersion).toBe(1);
    expect(card.versions.map((v) => [v.number, v.effectiveFrom, v.changes])).toEqual([
      [1, today, []],
      [2, addDays(today, 30), [`Entry Sports: rate per thousand 12.00 → 13.00 from ${addDays(today, 30)}`]],
    ]);
    const list = await ops.rateCards.list();
    expect(list.find((c) => c.id === id)).toMatchObject({ versionCount: 2, inForceVersion: 1, nextVersion: { number: 2, effectiveFrom: addDays(today, 30) }, entryCount: 2 });
    expect(await t.db.auditLog.count({ where: { action: "rateCardVersion.published" } })).toBeGreaterThanOrEqual(2);
  });

  it("never change a published version: the database refuses", async () => {
    const { versionId } = await as(cast.ops).rateCards.create({ name: "Frozen", effectiveFrom: today, entries: entries("10.00") });
    await expect(t.db.$executeRawUnsafe(`UPDATE rate_card_version SET note = 'x' WHERE id = '${versionId}'`)).rejects.toThrow(/immutable/);
  });

  it("give concurrent publishers distinct consecutive version numbers", async () => {
    const { id } = await as(cast.ops).rateCards.create({ name: "Busy", effectiveFrom: today, entries: entries("10.00") });
    const published = await Promise.all(Array.from({ length: 5 }, (_, i) => as(cast.ops).rateCards.publishVersion({ rateCardId: id, effectiveFrom: addDays(today, i + 1), entries: entries(`1${i}.00`) })));
    expect(published.map((p) => p.number).sort()).toEqual([2, 3, 4, 5, 6]);
  });

  it("refuse a backdated version, a duplicate name and invalid entries with field errors, saving nothing", async () => {
    const { id } = await as(cast.ops).rateCards.create({ name: "Strict", effectiveFrom: today, entries: entries("10.00") });
    const backdated = await rejectionOf(as(cast.ops).rateCards.publishVersion({ rateCardId: id, effectiveFrom: addDays(today, -1), entries: entries("11.00") }));
    expect(clientErrorOf(backdated).data).toMatchObject({ appCode: "EFFECTIVE_DATE_INVALID", fieldErrors: { effectiveFrom: [`Choose ${today} or later`] } });
    const duplicate = await rejectionOf(as(cast.ops).rateCards.create({ name: "Strict", effectiveFrom: today, entries: entries("10.00") }));
    expect(clientErrorOf(duplicate).data).toMatchObject({ code: "CONFLICT", fieldErrors: { name: ["Already used by another rate card"] } });
    const badRate = await rejectionOf(as(cast.ops).rateCards.publishVersion({ rateCardId: id, effectiveFrom: today, entries: entries("-1") }));
    expect(clientErrorOf(badRate).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "entries.0.model.ratePerThousand": ["Must be greater than zero"] } });
    expect((await as(cast.ops).rateCards.byId({ id })).versions).toHaveLength(1);
  });

  it("are written by ops only; finance reads; advertisers see nothing", async () => {
    expect((await rejectionOf(as(cast.finance).rateCards.create({ name: "Nope", effectiveFrom: today, entries: entries("1") }))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(as(cast.acmeUser).rateCards.list())).code).toBe("FORBIDDEN");
  });

  it("are the only rate cards a contract line can reference: unknown card, entry or pinned version → field errors", async () => {
    await as(cast.ops).rateCards.create({ name: "Referenced", effectiveFrom: today, entries: entries("12.00") });
    const line = (pricing: object) => ({ cpmLines: [{ key: "sports", name: "Sports", inventoryType: "Sports", pricing: { source: "RATE_CARD", ...pricing } }] }) as never;
    const create = (pricing: object) => as(cast.ops).contracts.create({ advertiserId: cast.acme.id, header: contractHeader(), terms: line(pricing) });
    const unknownCard = await rejectionOf(create({ rateCard: "Missing", entry: "sports" }));
    expect(clientErrorOf(unknownCard).data?.fieldErrors).toEqual({ "terms.cpmLines.0.pricing.rateCard": ["No rate card named “Missing”"] });
    const unknownEntry = await rejectionOf(create({ rateCard: "Referenced", entry: "drama" }));
    expect(clientErrorOf(unknownEntry).data?.fieldErrors).toEqual({ "terms.cpmLines.0.pricing.entry": ["Referenced has no entry “drama”"] });
    const unknownVersion = await rejectionOf(create({ rateCard: "Referenced", entry: "sports", pinnedVersion: 4 }));
    expect(clientErrorOf(unknownVersion).data?.fieldErrors).toEqual({ "terms.cpmLines.0.pricing.pinnedVersion": ["Referenced has no version 4"] });
    const ok = await create({ rateCard: "Referenced", entry: "sports", pinnedVersion: 1 });
    expect(ok.version.terms.cpmLines[0].pricing).toEqual({ source: "RATE_CARD", rateCard: "Referenced", entry: "sports", pinnedVersion: 1 });
  });
});
