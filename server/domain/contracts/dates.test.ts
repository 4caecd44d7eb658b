import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysInclusive, daysInMonth, fromIsoDate, maxDate, minDate, nextDay, todayIso, toIsoDate } from "./dates";

describe("addMonths", () => {
  it.each([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2028-01-31", 1, "2028-02-29"],
    ["2026-03-31", 1, "2026-04-30"],
    ["2026-01-31", 2, "2026-03-31"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-12-01", 12, "2027-12-01"],
    ["2026-03-31", -1, "2026-02-28"],
    ["2026-01-10", -1, "2025-12-10"],
  ])("%s + %i months = %s (clamped to the month's last day)", (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });
});

describe("addDays", () => {
  it.each([
    ["2026-02-28", 1, "2026-03-01"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-03-29", 1, "2026-03-30"],
    ["2026-10-25", 1, "2026-10-26"],
  ])("%s + %i days = %s, whatever the host's daylight saving", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });
});

describe("day arithmetic", () => {
  // The reference: a Date parsed from the ISO text and printed back, as these helpers once worked.
  const viaDate = (d: string, days: number) => new Date(new Date(`${d}T00:00:00Z`).getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const isoDate = fc.date({ min: new Date("1200-01-01T00:00:00Z"), max: new Date("2800-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it("adds days as the calendar does, across months, leap days and centuries", () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -40_000, max: 40_000 }), (d, days) => {
        expect(addDays(d, days)).toBe(viaDate(d, days));
        expect(daysInclusive(d, addDays(d, days))).toBe(days + 1);
        expect(nextDay(d)).toBe(viaDate(d, 1));
        expect(nextDay(d)).toBe(viaDate(d, 1)); // remembered the second time
      }),
    );
  });

  it("rolls a day past the month's end over into the next month, as Date parsing does", () => {
    expect(addDays("2026-02-30", 0)).toBe("2026-03-02");
    expect(addDays("0999-12-31", 1)).toBe("1000-01-01");
    expect(addDays("0050-02-28", 1)).toBe("0050-03-01");
  });
});

describe("daysInclusive", () => {
  it.each([
    ["2026-03-01", "2026-03-01", 1],
    ["2026-03-01", "2026-03-31", 31],
    ["2026-02-01", "2026-02-28", 28],
    ["2028-02-01", "2028-02-29", 29],
    ["2026-01-01", "2026-12-31", 365],
    ["2026-03-15", "2026-03-14", 0],
  ])("%s to %s is %i days", (from, to, days) => {
    expect(daysInclusive(from, to)).toBe(days);
  });
});

describe("daysInMonth", () => {
  it.each([
    ["2026-01-15", 31],
    ["2026-02-01", 28],
    ["2028-02-10", 29],
    ["2026-04-30", 30],
  ])("the month of %s has %i days", (date, days) => {
    expect(daysInMonth(date)).toBe(days);
  });
});

describe("ISO date helpers", () => {
  it("compare as strings", () => {
    expect(minDate("2026-03-15", "2026-12-01")).toBe("2026-03-15");
    expect(maxDate("2026-03-15", "2026-12-01")).toBe("2026-12-01");
  });

  it("round-trip through the UTC midnight the database stores", () => {
    expect(fromIsoDate("2026-03-15").toISOString()).toBe("2026-03-15T00:00:00.000Z");
    expect(toIsoDate(fromIsoDate("2026-03-15"))).toBe("2026-03-15");
  });

  it("take today from the UTC calendar", () => {
    expect(todayIso(new Date("2026-03-15T23:59:59.999Z"))).toBe("2026-03-15");
    expect(todayIso(new Date("2026-03-16T00:00:00.000Z"))).toBe("2026-03-16");
  });
});
