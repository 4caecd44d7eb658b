import { describe, expect, it } from "vitest";
import type { Role } from "../db/generated/enums";
import { systemActor, tenantOf, type Actor } from "./actor";
import { API_KEY_SCOPES, can, PERMISSIONS, type Permission } from "./permissions";

const user = (role: Role, advertiserId: string | null = null): Actor => ({ type: "USER", id: "u1", label: "u", role, advertiserId });
const apiKey = (scopes: string[], advertiserId: string | null = null): Actor => ({ type: "API_KEY", id: "k1", label: "k", scopes, advertiserId });

describe("can: the role matrix", () => {
  // The matrix from the design guide, written out so a change to permissions.ts has to change this table too.
  const expected: Record<Role, Permission[]> = {
    ADVERTISER: ["advertisers:read", "contracts:read", "delivery:read", "conversions:read", "invoices:read"],
    OPS: ["advertisers:read", "advertisers:write", "contracts:read", "contracts:write", "renewals:run", "pricing:simulate", "rateCards:read", "rateCards:write", "delivery:read", "delivery:write", "deliveryBatches:read", "billing:preview", "conversions:read", "conversions:write", "conversions:review", "conversions:reverse", "partners:read", "partners:write"],
    FINANCE: ["advertisers:read", "contracts:read", "contracts:approve", "contracts:terminate", "renewals:run", "pricing:simulate", "rateCards:read", "delivery:read", "deliveryBatches:read", "billing:preview", "billing:run", "billingRuns:read", "conversions:read", "conversions:reverse", "partners:read", "payouts:read", "payouts:draft", "payouts:approve", "audit:read", "invoices:read", "invoices:issue", "invoices:settle", "reports:read"],
    ADMIN: ["advertisers:read", "advertisers:write", "contracts:read", "renewals:run", "rateCards:read", "delivery:read", "deliveryBatches:read", "billingRuns:read", "conversions:read", "partners:read", "payouts:read", "users:manage", "apiKeys:manage", "audit:read", "audit:verify", "invoices:read", "reports:read"],
  };

  it.each(Object.entries(expected) as [Role, Permission[]][])("%s holds exactly its permissions", (role, permissions) => {
    const held = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(user(role), p));
    expect(held.sort()).toEqual([...permissions].sort());
  });

  it("lets only OPS write contracts and only FINANCE approve or terminate them", () => {
    for (const role of ["ADVERTISER", "FINANCE", "ADMIN"] as const) expect(can(user(role), "contracts:write")).toBe(false);
    for (const role of ["ADVERTISER", "OPS", "ADMIN"] as const) {
      expect(can(user(role), "contracts:approve")).toBe(false);
      expect(can(user(role), "contracts:terminate")).toBe(false);
    }
  });

  it("lets only ADMIN manage users and API keys, or verify the audit chain", () => {
    for (const role of ["ADVERTISER", "OPS", "FINANCE"] as const) {
      expect(can(user(role), "users:manage")).toBe(false);
      expect(can(user(role), "apiKeys:manage")).toBe(false);
      expect(can(user(role), "audit:verify")).toBe(false);
    }
  });
});

describe("can: API keys", () => {
  it("hold exactly their scopes, whatever role would grant", () => {
    const key = apiKey(["advertisers:read"]);
    expect(can(key, "advertisers:read")).toBe(true);
    expect(can(key, "invoices:read")).toBe(false);
    expect(can(key, "users:manage")).toBe(false);
  });

  it("never hold a permission outside the grantable scopes, even if the row says so", () => {
    expect(API_KEY_SCOPES).not.toContain("users:manage");
    expect(API_KEY_SCOPES).not.toContain("apiKeys:manage");
    // authenticateApiKey filters stored scopes to API_KEY_SCOPES; can() itself trusts the actor it is given.
    expect(can(apiKey([]), "advertisers:read")).toBe(false);
  });

  it("grantable scopes are all real permissions", () => {
    for (const scope of API_KEY_SCOPES) expect(Object.keys(PERMISSIONS)).toContain(scope);
  });
});

describe("can: the system actor", () => {
  it("may do everything (jobs, CLI, seed)", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can(systemActor(), p)).toBe(true);
  });
});

describe("tenantOf", () => {
  it("confines an advertiser user to its advertiser", () => {
    expect(tenantOf(user("ADVERTISER", "adv-1"))).toBe("adv-1");
  });

  it("does not confine staff, even if a stray advertiserId were set", () => {
    expect(tenantOf(user("OPS", "adv-1"))).toBeNull();
    expect(tenantOf(user("ADMIN"))).toBeNull();
  });

  it("confines a bound API key and not an unbound one", () => {
    expect(tenantOf(apiKey(["advertisers:read"], "adv-2"))).toBe("adv-2");
    expect(tenantOf(apiKey(["advertisers:read"]))).toBeNull();
  });

  it("does not confine the system actor", () => {
    expect(tenantOf(systemActor())).toBeNull();
  });
});
