import { describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { callerAs } from "../../testing/fixtures";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import type { Db } from "../../db/client";

// The simulator needs no database: it prices with the same engine billing uses and saves nothing.
const db = {} as Db;
const person = (role: "OPS" | "FINANCE" | "ADVERTISER"): Actor => ({ type: "USER", id: "00000000-0000-4000-8000-000000000001", label: role, role, advertiserId: role === "ADVERTISER" ? "00000000-0000-4000-8000-000000000002" : null });

describe("pricing.simulate", () => {
  it("prices a model for ops and finance, exactly and unrounded", async () => {
    for (const role of ["OPS", "FINANCE"] as const) {
      const result = await callerAs(db, person(role)).pricing.simulate({ model: { model: "perMille", ratePerThousand: "12.345" }, units: "1001" });
      expect(result).toEqual({ amount: "12.357345", breakdown: [{ kind: "perMille", units: "1001", ratePerThousand: "12.345", amount: "12.357345" }] });
    }
  });

  it("answers invalid models with field errors, not a 500", async () => {
    const error = await rejectionOf(callerAs(db, person("OPS")).pricing.simulate({ model: { model: "package", packageSize: "0", packagePrice: "5" } as never, units: "10" }));
    expect(clientErrorOf(error).data).toMatchObject({ code: "BAD_REQUEST", fieldErrors: { "model.packageSize": ["Must be greater than zero"] } });
  });

  it("is not for advertisers (FORBIDDEN)", async () => {
    expect((await rejectionOf(callerAs(db, person("ADVERTISER")).pricing.simulate({ model: { model: "standard", unitPrice: "1" }, units: "1" }))).code).toBe("FORBIDDEN");
  });
});
