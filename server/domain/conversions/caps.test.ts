// Caps cut off exactly at the cap: the conversion that reaches it counts, the next one is over.
import { describe, expect, it } from "vitest";
import { capVerdict, counted, NO_USAGE, type CapUsage } from "./caps";

const caps = (perDay: object | null, perPeriod: object | null = null) =>
  ({ perDay: perDay && { conversions: null, spend: null, ...perDay }, perPeriod: perPeriod && { conversions: null, spend: null, ...perPeriod } }) as Parameters<typeof capVerdict>[0];

/** Counts `payouts` one by one under the caps, as ingestion does, and says which fit. */
function run(lineCaps: Parameters<typeof capVerdict>[0], payouts: string[], startDay: CapUsage = NO_USAGE, startPeriod: CapUsage = NO_USAGE) {
  let [day, period] = [startDay, startPeriod];
  return payouts.map((payout) => {
    const verdict = capVerdict(lineCaps, { day, period }, payout, "USD");
    if (verdict.fits) [day, period] = [counted(day, payout), counted(period, payout)];
    return verdict.fits ? "counted" : verdict.reasonCode;
  });
}

describe("conversion caps", () => {
  it("a daily cap of 3 conversions counts exactly 3", () => {
    expect(run(caps({ conversions: 3 }), ["5", "5", "5", "5", "5"])).toEqual(["counted", "counted", "counted", "OVER_DAILY_CAP", "OVER_DAILY_CAP"]);
  });

  it("a spend cap counts the conversion that reaches it exactly, not the one that would pass it", () => {
    // 40 + 40 + 20 = 100 = the cap: counted. The next 0.01 would pass it.
    expect(run(caps({ spend: "100" }), ["40", "40", "20", "0.01"])).toEqual(["counted", "counted", "counted", "OVER_DAILY_CAP"]);
  });

  it("a spend cap holds back a conversion too big for the room left, and later ones that fit are counted", () => {
    // 90 counted; 15 would make 105 > 100; 10 makes exactly 100.
    expect(run(caps({ spend: "100" }), ["90", "15", "10"])).toEqual(["counted", "OVER_DAILY_CAP", "counted"]);
  });

  it("a period cap counts what earlier days of the month counted", () => {
    expect(run(caps(null, { conversions: 10 }), ["1", "1", "1"], NO_USAGE, { count: 8, spend: "8" })).toEqual(["counted", "counted", "OVER_PERIOD_CAP"]);
  });

  it("the daily cap is given as the reason when both are full", () => {
    expect(capVerdict(caps({ conversions: 1 }, { conversions: 1 }), { day: { count: 1, spend: "5" }, period: { count: 1, spend: "5" } }, "5", "USD")).toEqual({
      fits: false,
      reasonCode: "OVER_DAILY_CAP",
      reason: "Over the line's daily cap of 1 conversion",
    });
  });

  it("says how much was counted against a spend cap", () => {
    expect(capVerdict(caps(null, { spend: "1000" }), { day: NO_USAGE, period: { count: 99, spend: "995.5" } }, "12", "USD")).toMatchObject({
      reason: "Over the line's monthly cap of 1,000.00 USD (995.50 USD counted, this one pays 12.00 USD)",
    });
  });

  it("no caps: everything counts", () => {
    expect(run(caps(null, null), ["1000000", "1000000"])).toEqual(["counted", "counted"]);
  });
});
