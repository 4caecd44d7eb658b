import { describe, expect, it } from "vitest";
import { ZCpaLine } from "../contracts/terms";
import { judgeConversion, lastTouch, type VerdictInput } from "./verdict";

// 7 days click, 1 day view, 24 h dedupe; installs and purchases in DE/FR, new customers only, purchases ≥ 20.
const line = ZCpaLine.parse({
  key: "installs",
  name: "Installs",
  payouts: [{ conversionType: "app_install", flat: "4.50" }, { conversionType: "purchase", flat: "10" }],
  attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
  eligibility: { conversionTypes: ["app_install", "purchase", "signup"], geographies: ["DE", "FR"], minOrderValue: null, newCustomersOnly: true },
});
const at = "2026-10-10T12:00:00.000Z";
const conversion = (o: Partial<VerdictInput> = {}): VerdictInput => ({ occurredAt: at, type: "app_install", value: null, geography: "DE", newCustomer: true, dedupeKey: null, exposures: [{ kind: "click", at: "2026-10-09T12:00:00Z" }], ...o });

describe("lastTouch", () => {
  it("lets a click inside its window beat a later view", () => {
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-05T00:00:00Z" }, { kind: "view", at: "2026-10-10T11:00:00Z" }] }), line.attribution)).toEqual({ kind: "click", at: "2026-10-05T00:00:00.000Z" });
  });

  it("takes the latest of several clicks, and a view only when no click is in window", () => {
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-04T00:00:00Z" }, { kind: "click", at: "2026-10-08T00:00:00Z" }] }), line.attribution)?.at).toBe("2026-10-08T00:00:00.000Z");
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-01T00:00:00Z" }, { kind: "view", at: "2026-10-09T13:00:00Z" }] }), line.attribution)).toEqual({ kind: "view", at: "2026-10-09T13:00:00.000Z" });
  });

  it("counts a click exactly 7 × 24 h before as inside, one millisecond earlier as outside; exposures after the conversion never count", () => {
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-03T12:00:00Z" }] }), line.attribution)?.kind).toBe("click");
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-03T11:59:59.999Z" }] }), line.attribution)).toBeNull();
    expect(lastTouch(conversion({ exposures: [{ kind: "click", at: "2026-10-10T12:00:00.001Z" }] }), line.attribution)).toBeNull();
  });
});

describe("judgeConversion", () => {
  it("finds an attributed, eligible install eligible", () => {
    expect(judgeConversion(conversion(), line)).toEqual({ eligibility: "ELIGIBLE", reasonCode: null, reason: null, attributedExposureAt: "2026-10-09T12:00:00.000Z", attributedKind: "click" });
  });

  it.each([
    [{ exposures: [] }, "NO_EXPOSURES"],
    [{ exposures: [{ kind: "view" as const, at: "2026-10-08T00:00:00Z" }] }, "OUTSIDE_WINDOWS"],
    [{ type: "lead" }, "TYPE_NOT_ELIGIBLE"],
    [{ type: "signup" }, "NO_PAYOUT_FOR_TYPE"],
    [{ geography: "NL" }, "GEOGRAPHY_NOT_ELIGIBLE"],
    [{ geography: null }, "GEOGRAPHY_NOT_ELIGIBLE"],
    [{ newCustomer: false }, "RETURNING_CUSTOMER"],
    [{ newCustomer: null }, "RETURNING_CUSTOMER"],
  ])("refuses %o with %s", (change, code) => {
    expect(judgeConversion(conversion(change), line)).toMatchObject({ eligibility: "INELIGIBLE", reasonCode: code });
  });

  it("says why in words", () => {
    expect(judgeConversion(conversion({ exposures: [{ kind: "view", at: "2026-10-08T00:00:00Z" }] }), line).reason).toBe("No click in the 7 days or view in the 1 day before it");
    expect(judgeConversion(conversion({ geography: "NL" }), line).reason).toBe("NL is not among the eligible countries (DE, FR)");
  });

  it("applies a minimum order value, which a conversion without a value does not reach", () => {
    const withMinimum = { ...line, eligibility: { ...line.eligibility, minOrderValue: "20" } };
    expect(judgeConversion(conversion({ type: "purchase", value: "20" }), withMinimum).eligibility).toBe("ELIGIBLE");
    expect(judgeConversion(conversion({ type: "purchase", value: "19.99" }), withMinimum)).toMatchObject({ reasonCode: "BELOW_MINIMUM_ORDER_VALUE", reason: "Order value 19.99 is below the minimum of 20" });
    expect(judgeConversion(conversion({ type: "purchase", value: null }), withMinimum).reasonCode).toBe("BELOW_MINIMUM_ORDER_VALUE");
  });

  it("dedupes the same key within 24 hours after a counted conversion, not after", () => {
    const keyed = conversion({ dedupeKey: "order-9" });
    expect(judgeConversion(keyed, line, ["2026-10-09T12:00:00.000Z"])).toMatchObject({ reasonCode: "DUPLICATE" });
    expect(judgeConversion(keyed, line, ["2026-10-09T11:59:59.999Z"]).eligibility).toBe("ELIGIBLE");
    expect(judgeConversion(conversion({ dedupeKey: null }), line, ["2026-10-10T11:00:00.000Z"]).eligibility).toBe("ELIGIBLE");
  });
});
