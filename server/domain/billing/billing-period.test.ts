import { describe, expect, it } from "vitest";
import { periodBounds, periodLabel, periodOf, shiftPeriod, ZBillingPeriod } from "./billing-period";

describe("billing periods", () => {
  it("are calendar months with their first and last day", () => {
    expect(periodBounds("2026-10")).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(periodBounds("2028-02")).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    expect(periodOf("2026-11-22")).toBe("2026-11");
  });

  it("step across years", () => {
    expect(shiftPeriod("2026-12", 1)).toBe("2027-01");
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
  });

  it("read as a month and refuse anything else", () => {
    expect(periodLabel("2026-10")).toBe("October 2026");
    expect(ZBillingPeriod.safeParse("2026-13").success).toBe(false);
    expect(ZBillingPeriod.safeParse("2026-1").success).toBe(false);
    expect(ZBillingPeriod.parse(" 2026-10 ")).toBe("2026-10");
  });
});
