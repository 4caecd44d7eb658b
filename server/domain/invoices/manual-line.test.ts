import { describe, expect, it } from "vitest";
import { amountPrecisionError } from "../money";
import { manualLine, ZManualLineFields } from "./manual-line";

describe("manual lines", () => {
  it("accepts as many decimals as the currency has, no more", () => {
    expect(amountPrecisionError("12.5", "USD")).toBeNull();
    expect(amountPrecisionError("-12.50", "USD")).toBeNull();
    expect(amountPrecisionError("12.505", "USD")).toBe("USD amounts have at most 2 decimals");
    expect(amountPrecisionError("1200", "JPY")).toBeNull();
    expect(amountPrecisionError("1200.5", "JPY")).toBe("JPY amounts are whole numbers");
  });

  it("is billed as entered, keyed by its own id, with who and why in its trace", () => {
    const at = new Date("2026-11-03T10:00:00Z");
    expect(manualLine({ description: "Rush fee", amount: "-40.1", reason: "Agreed by email" }, "EUR", { id: "abc", addedBy: "Fiona", addedAt: at })).toEqual({
      key: "manual:abc",
      kind: "MANUAL",
      lineKey: "manual",
      description: "Rush fee",
      quantity: "1",
      unrounded: "-40.1",
      amount: "-40.10",
      trace: { kind: "MANUAL", reason: "Agreed by email", addedBy: "Fiona", addedAt: "2026-11-03T10:00:00.000Z" },
    });
  });

  it("refuses zero, an empty description and a missing reason with field messages", () => {
    const result = ZManualLineFields.safeParse({ description: " ", amount: "0", reason: "" });
    expect(result.success).toBe(false);
    expect(Object.keys(result.error!.flatten().fieldErrors).sort()).toEqual(["amount", "description", "reason"]);
  });
});
