import { describe, expect, it } from "vitest";
import { lastDayInForce, termsInForceOn, termsTimeline, type ApprovedVersion, type ContractTerm } from "./effective-terms";

// Terms are stand-in labels here: which version governs a day is all these functions decide.
const version = (number: number, effectiveFrom: string): ApprovedVersion<string> => ({ id: `v${number}`, number, effectiveFrom, terms: `terms of v${number}` });

const term2026: ContractTerm = { start: "2026-01-01", end: "2026-12-31" };
const original = version(1, "2026-01-01");
const midMarch = version(2, "2026-03-15");
const june = version(3, "2026-06-01");

/** A timeline as `[from, to, version id]` triples, for compact expectations. */
const slices = (timeline: ReturnType<typeof termsTimeline<string>>) => timeline.map((s) => [s.from, s.to, s.version.id]);
const inForce = (versions: ApprovedVersion<string>[], term: ContractTerm, day: string) => termsInForceOn(versions, term, day)?.id ?? null;

describe("termsInForceOn", () => {
  it("answers nothing before the term starts", () => {
    expect(inForce([original], term2026, "2025-12-31")).toBeNull();
  });

  it("answers the original version on the first and the last day of the term", () => {
    expect(inForce([original], term2026, "2026-01-01")).toBe("v1");
    expect(inForce([original], term2026, "2026-12-31")).toBe("v1");
  });

  it("answers nothing after the term ends", () => {
    expect(inForce([original], term2026, "2027-01-01")).toBeNull();
  });

  it("switches to an amendment on its effective date, not a day earlier", () => {
    expect(inForce([original, midMarch], term2026, "2026-03-14")).toBe("v1");
    expect(inForce([original, midMarch], term2026, "2026-03-15")).toBe("v2");
    expect(inForce([original, midMarch], term2026, "2026-03-31")).toBe("v2");
  });

  it("follows several amendments, whatever order they are given in", () => {
    const versions = [june, original, midMarch];
    expect(inForce(versions, term2026, "2026-02-01")).toBe("v1");
    expect(inForce(versions, term2026, "2026-05-31")).toBe("v2");
    expect(inForce(versions, term2026, "2026-06-01")).toBe("v3");
    expect(inForce(versions, term2026, "2026-12-31")).toBe("v3");
  });

  it("lets the higher version number win when two take effect the same day", () => {
    const sameDay = version(4, "2026-03-15");
    expect(inForce([original, sameDay, midMarch], term2026, "2026-03-15")).toBe("v4");
    expect(inForce([original, sameDay, midMarch], term2026, "2026-03-14")).toBe("v1");
  });

  it("answers nothing on days before the first version takes effect", () => {
    expect(inForce([midMarch], term2026, "2026-03-01")).toBeNull();
  });

  it("answers the renewal from the day after the old term ended, once the term is extended", () => {
    const renewal = version(2, "2027-01-01");
    const renewed: ContractTerm = { start: "2026-01-01", end: "2027-12-31" };
    expect(inForce([original, renewal], renewed, "2026-12-31")).toBe("v1");
    expect(inForce([original, renewal], renewed, "2027-01-01")).toBe("v2");
    expect(inForce([original, renewal], renewed, "2027-12-31")).toBe("v2");
    expect(inForce([original, renewal], renewed, "2028-01-01")).toBeNull();
  });

  it("answers the terms up to and including the termination date, nothing after", () => {
    const terminated: ContractTerm = { ...term2026, terminatedOn: "2026-08-15" };
    expect(inForce([original, midMarch], terminated, "2026-08-15")).toBe("v2");
    expect(inForce([original, midMarch], terminated, "2026-08-16")).toBeNull();
  });
});

describe("lastDayInForce", () => {
  it("is the term's end, or an earlier termination date", () => {
    expect(lastDayInForce(term2026)).toBe("2026-12-31");
    expect(lastDayInForce({ ...term2026, terminatedOn: null })).toBe("2026-12-31");
    expect(lastDayInForce({ ...term2026, terminatedOn: "2026-08-15" })).toBe("2026-08-15");
  });
});

describe("termsTimeline", () => {
  const march = { from: "2026-03-01", to: "2026-03-31" };

  it("keeps a month without amendments whole", () => {
    expect(slices(termsTimeline([original], term2026, march))).toEqual([["2026-03-01", "2026-03-31", "v1"]]);
  });

  it("splits March at an amendment effective on the 15th", () => {
    expect(slices(termsTimeline([original, midMarch], term2026, march))).toEqual([
      ["2026-03-01", "2026-03-14", "v1"],
      ["2026-03-15", "2026-03-31", "v2"],
    ]);
  });

  it("gives the whole month to an amendment effective on the 1st", () => {
    expect(slices(termsTimeline([original, version(2, "2026-03-01")], term2026, march))).toEqual([["2026-03-01", "2026-03-31", "v2"]]);
  });

  it("cuts a period at each of several amendments, with slices that touch and never overlap", () => {
    const versions = [original, midMarch, version(3, "2026-03-20"), version(4, "2026-03-31")];
    expect(slices(termsTimeline(versions, term2026, march))).toEqual([
      ["2026-03-01", "2026-03-14", "v1"],
      ["2026-03-15", "2026-03-19", "v2"],
      ["2026-03-20", "2026-03-30", "v3"],
      ["2026-03-31", "2026-03-31", "v4"],
    ]);
  });

  it("spans a quarter across amendments in different months", () => {
    expect(slices(termsTimeline([original, midMarch, june], term2026, { from: "2026-01-01", to: "2026-06-30" }))).toEqual([
      ["2026-01-01", "2026-03-14", "v1"],
      ["2026-03-15", "2026-05-31", "v2"],
      ["2026-06-01", "2026-06-30", "v3"],
    ]);
  });

  it("drops a version superseded on its own effective day (higher number wins)", () => {
    const sameDay = version(4, "2026-03-15");
    expect(slices(termsTimeline([original, midMarch, sameDay], term2026, march))).toEqual([
      ["2026-03-01", "2026-03-14", "v1"],
      ["2026-03-15", "2026-03-31", "v4"],
    ]);
  });

  it("clips a period that starts before and ends after the term", () => {
    const term: ContractTerm = { start: "2026-03-10", end: "2026-03-20" };
    expect(slices(termsTimeline([version(1, "2026-03-10")], term, march))).toEqual([["2026-03-10", "2026-03-20", "v1"]]);
  });

  it("is empty for a period entirely outside the term", () => {
    expect(termsTimeline([original], term2026, { from: "2027-01-01", to: "2027-01-31" })).toEqual([]);
    expect(termsTimeline([original], term2026, { from: "2025-12-01", to: "2025-12-31" })).toEqual([]);
  });

  it("leaves days before the first version takes effect out of every slice", () => {
    expect(slices(termsTimeline([midMarch], term2026, march))).toEqual([["2026-03-15", "2026-03-31", "v2"]]);
  });

  it("crosses a renewal boundary: the old terms to the old end, the renewal from the next day", () => {
    const renewed: ContractTerm = { start: "2026-01-01", end: "2027-12-31" };
    const renewal = version(2, "2027-01-01");
    expect(slices(termsTimeline([original, renewal], renewed, { from: "2026-12-15", to: "2027-01-14" }))).toEqual([
      ["2026-12-15", "2026-12-31", "v1"],
      ["2027-01-01", "2027-01-14", "v2"],
    ]);
  });

  it("stops at the termination date, and is empty for a period after it", () => {
    const terminated: ContractTerm = { ...term2026, terminatedOn: "2026-03-20" };
    expect(slices(termsTimeline([original, midMarch], terminated, march))).toEqual([
      ["2026-03-01", "2026-03-14", "v1"],
      ["2026-03-15", "2026-03-20", "v2"],
    ]);
    expect(termsTimeline([original, midMarch], terminated, { from: "2026-04-01", to: "2026-04-30" })).toEqual([]);
  });

  it("ignores an amendment that would only take effect after the termination", () => {
    const terminated: ContractTerm = { ...term2026, terminatedOn: "2026-03-10" };
    expect(slices(termsTimeline([original, midMarch], terminated, march))).toEqual([["2026-03-01", "2026-03-10", "v1"]]);
  });

  it("agrees with termsInForceOn on every day of the year", () => {
    const versions = [original, midMarch, version(3, "2026-03-15"), june];
    const timeline = termsTimeline(versions, { ...term2026, terminatedOn: "2026-11-30" }, { from: "2025-12-01", to: "2027-01-31" });
    for (let d = new Date("2025-12-01T00:00:00Z"); d <= new Date("2027-01-31T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 1)) {
      const day = d.toISOString().slice(0, 10);
      const slice = timeline.find((s) => s.from <= day && day <= s.to);
      expect(slice?.version.id ?? null, day).toBe(inForce(versions, { ...term2026, terminatedOn: "2026-11-30" }, day));
    }
  });
});
