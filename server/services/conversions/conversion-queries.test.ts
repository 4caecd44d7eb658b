// The review queue's filters, on a real database: contract number, type, partner and days (UTC, inclusive), each
// alone and together, always inside the viewer's scope: an advertiser never reaches another's conversions.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { fromToday, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { ZConversionFiltersSchema, type ConversionFilters } from "./conversion-queries";
import { ingestConversions } from "./ingest-conversions";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

const shopTerms = {
  cpaLines: [
    {
      key: "shop",
      name: "Shop",
      payouts: [{ conversionType: "purchase", flat: "5" }],
      attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
      eligibility: { conversionTypes: [], geographies: [], newCustomersOnly: false },
    },
  ],
};

/** Contract numbers: Acme's main and second contract, and Globex's. */
const numbers = { acme: "", acme2: "", globex: "" };

beforeAll(async () => {
  numbers.acme = (await active({ terms: shopTerms })).contract.number;
  numbers.acme2 = (await active({ terms: shopTerms })).contract.number;
  numbers.globex = (await active({ advertiserId: cast.globex.id, terms: shopTerms })).contract.number;
  const row = (externalId: string, contract: string, type: string, partner: string | null, occurredAt: string, clicked = true) => ({
    externalId,
    contract,
    type,
    partner,
    occurredAt,
    line: "shop",
    exposures: clicked ? [{ kind: "click", at: `${fromToday(-12)}T00:00:00Z` }] : [],
  });
  await ingestConversions(t.db, requestAs(cast.ops), {
    idempotencyKey: "seed",
    rows: [
      row("a-1", numbers.acme, "purchase", "net-a", `${fromToday(-10)}T12:00:00Z`),
      row("a-2", numbers.acme, "signup", "net-b", `${fromToday(-5)}T23:59:59Z`),
      row("a-3", numbers.acme, "purchase", null, `${fromToday(-4)}T00:00:00Z`),
      // 01:00 at +02:00 is 23:00 UTC the day before: days are UTC days.
      row("a-4", numbers.acme, "purchase", "net-a", `${fromToday(-3)}T01:00:00+02:00`, false),
      row("a2-1", numbers.acme2, "purchase", "net-a", `${fromToday(-5)}T10:00:00Z`),
      row("g-1", numbers.globex, "purchase", "net-a", `${fromToday(-5)}T12:00:00Z`),
    ],
  });
});

async function listed(actor: Actor, filters: ConversionFilters & { status?: "ALL" | "INELIGIBLE" }) {
  const result = await as(actor).conversions.list({ pageSize: 100, ...filters });
  return result.items.map((c) => c.externalId).sort();
}

describe("conversions.list filters", () => {
  it("narrows to one contract by its number, as typed in any case", async () => {
    expect(await listed(cast.ops, { contractNumber: numbers.acme })).toEqual(["a-1", "a-2", "a-3", "a-4"]);
    expect(await listed(cast.ops, { contractNumber: ` ${numbers.acme2.toLowerCase()} ` })).toEqual(["a2-1"]);
    expect(await listed(cast.ops, { contractNumber: "C-1999-0001" })).toEqual([]);
  });

  it("narrows to a conversion type", async () => {
    expect(await listed(cast.ops, { type: "signup" })).toEqual(["a-2"]);
    expect(await listed(cast.ops, { type: "Purchase" })).toEqual(["a-1", "a-3", "a-4", "a2-1", "g-1"]);
  });

  it("narrows to a partner", async () => {
    expect(await listed(cast.ops, { partner: "net-a" })).toEqual(["a-1", "a-4", "a2-1", "g-1"]);
    expect(await listed(cast.ops, { partner: "net-c" })).toEqual([]);
  });

  it("narrows to days of occurrence in UTC, both ends inclusive", async () => {
    expect(await listed(cast.ops, { from: fromToday(-5), to: fromToday(-5) })).toEqual(["a-2", "a2-1", "g-1"]);
    expect(await listed(cast.ops, { from: fromToday(-4), to: fromToday(-4) })).toEqual(["a-3", "a-4"]);
    expect(await listed(cast.ops, { from: fromToday(-4) })).toEqual(["a-3", "a-4"]);
    expect(await listed(cast.ops, { to: fromToday(-6) })).toEqual(["a-1"]);
  });

  it("combines every filter, and the status, with AND", async () => {
    const filters = { contractNumber: numbers.acme, type: "purchase", partner: "net-a", from: fromToday(-10), to: fromToday(-4) };
    expect(await listed(cast.ops, filters)).toEqual(["a-1", "a-4"]);
    expect(await listed(cast.ops, { ...filters, status: "INELIGIBLE" })).toEqual(["a-4"]);
    expect(await listed(cast.ops, { ...filters, to: fromToday(-5) })).toEqual(["a-1"]);
  });

  it("never shows an advertiser another advertiser's conversions, whatever the filters", async () => {
    expect(await listed(cast.acmeUser, { contractNumber: numbers.globex })).toEqual([]);
    expect(await listed(cast.acmeUser, { partner: "net-a" })).toEqual(["a-1", "a-4", "a2-1"]);
    expect(await listed(cast.acmeUser, { type: "purchase", from: fromToday(-5), to: fromToday(-5) })).toEqual(["a2-1"]);
    expect(await listed(cast.globexUser, { contractNumber: numbers.acme })).toEqual([]);
    expect(await listed(cast.globexUser, { contractNumber: numbers.globex, type: "purchase", partner: "net-a", from: fromToday(-5), to: fromToday(-5) })).toEqual(["g-1"]);
  });

  it("refuses a range that ends before it starts, and dates that are not days, naming the field", async () => {
    await expect(as(cast.ops).conversions.list({ from: fromToday(-4), to: fromToday(-5) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const issues = (input: unknown) => {
      const parsed = ZConversionFiltersSchema.safeParse(input);
      return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(issues({ from: "2026-10-05", to: "2026-10-04" })).toEqual([["to", "Must be on or after the start date"]]);
    expect(issues({ from: "2026-02-30", to: "10/04/2026" })).toEqual([
      ["from", "Not a real calendar date"],
      ["to", "Use a date like 2026-12-01"],
    ]);
    expect(issues({ from: "2026-10-04", to: "2026-10-04" })).toEqual([]);
  });
});
