import { describe, expect, it } from "vitest";
import { diffRateCardEntries, rateCardEntryFor, rateCardVersionFor, ZRateCardEntries, type RateCardEntry } from "./rate-card";

const cpm = (key: string, name: string, rate: string): RateCardEntry => ({ key, name, model: { model: "perMille", ratePerThousand: rate } });
const v = (number: number, effectiveFrom: string, entries: RateCardEntry[]) => ({ number, effectiveFrom, entries });

const versions = [v(1, "2026-01-01", [cpm("sports", "Sports", "12.00"), cpm("news", "News", "8.00")]), v(2, "2026-07-01", [cpm("sports", "Sports", "13.00")]), v(3, "2026-07-01", [cpm("sports", "Sports", "13.50")])];

describe("which rate card version applies", () => {
  it("uses the latest version effective on or before the day; on a shared date the higher number wins", () => {
    expect(rateCardVersionFor(versions, "2025-12-31")).toBeNull();
    expect(rateCardVersionFor(versions, "2026-01-01")?.number).toBe(1);
    expect(rateCardVersionFor(versions, "2026-06-30")?.number).toBe(1);
    expect(rateCardVersionFor(versions, "2026-07-01")?.number).toBe(3);
  });

  it("uses the pinned version whatever the day", () => {
    expect(rateCardVersionFor(versions, "2026-12-01", 1)?.number).toBe(1);
    expect(rateCardVersionFor(versions, "2026-12-01", 9)).toBeNull();
  });

  it("finds an entry in the version that applies, or nothing when that version lacks it", () => {
    expect(rateCardEntryFor(versions, "sports", "2026-08-01")?.entry.model).toEqual({ model: "perMille", ratePerThousand: "13.50" });
    expect(rateCardEntryFor(versions, "news", "2026-03-01")?.version.number).toBe(1);
    expect(rateCardEntryFor(versions, "news", "2026-08-01")).toBeNull();
  });
});

describe("rate card entries", () => {
  it("refuse duplicate keys and an empty card, by path", () => {
    const duplicate = ZRateCardEntries.safeParse([cpm("sports", "Sports", "1"), cpm("sports", "Sports 2", "2")]);
    expect(duplicate.success).toBe(false);
    expect(duplicate.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["1.key", "Key “sports” is already used"]]);
    expect(ZRateCardEntries.safeParse([]).error?.issues[0].message).toBe("Add at least one entry");
  });

  it("diff by key: a price change, an added and a removed entry", () => {
    const changes = diffRateCardEntries([cpm("sports", "Sports", "12.00"), cpm("news", "News", "8.00")], [cpm("sports", "Sports", "13.00"), cpm("drama", "Drama", "9.00")]);
    expect(changes).toEqual([
      { kind: "CHANGED", subject: "Entry Sports", field: "rate per thousand", before: "12.00", after: "13.00" },
      { kind: "ADDED", subject: "Entry Drama" },
      { kind: "REMOVED", subject: "Entry News" },
    ]);
  });
});
