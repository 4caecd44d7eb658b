// The permission matrix, as data. A user's role grants permissions; an API key holds a subset of the
// key-grantable permissions as its scopes. Procedures name the permission they need (server/api/trpc.ts).
import type { Role } from "../db/generated/enums";
import type { Actor } from "./actor";

export const PERMISSIONS = {
  "advertisers:read": ["ADVERTISER", "OPS", "FINANCE", "ADMIN"],
  "advertisers:write": ["OPS", "ADMIN"],
  "contracts:read": ["ADVERTISER", "OPS", "FINANCE", "ADMIN"],
  "contracts:write": ["OPS"],
  "contracts:approve": ["FINANCE"],
  "contracts:terminate": ["FINANCE"],
  "renewals:run": ["OPS", "FINANCE", "ADMIN"],
  "pricing:simulate": ["OPS", "FINANCE"],
  "rateCards:read": ["OPS", "FINANCE", "ADMIN"],
  "rateCards:write": ["OPS"],
  "users:manage": ["ADMIN"],
  "apiKeys:manage": ["ADMIN"],
  "audit:read": ["FINANCE", "ADMIN"],
  "audit:verify": ["ADMIN"],
  "delivery:read": ["ADVERTISER", "OPS", "FINANCE", "ADMIN"],
  "delivery:write": ["OPS"],
  "deliveryBatches:read": ["OPS", "FINANCE", "ADMIN"],
  "billing:preview": ["OPS", "FINANCE"],
  "billing:run": ["FINANCE"],
  "billingRuns:read": ["FINANCE", "ADMIN"],
  "conversions:read": ["ADVERTISER", "OPS", "FINANCE", "ADMIN"],
  "conversions:write": ["OPS"],
  "conversions:review": ["OPS"],
  "conversions:reverse": ["OPS", "FINANCE"],
  "partners:read": ["OPS", "FINANCE", "ADMIN"],
  "partners:write": ["OPS"],
  "payouts:read": ["FINANCE", "ADMIN"],
  "payouts:draft": ["FINANCE"],
  "payouts:approve": ["FINANCE"],
  "invoices:read": ["ADVERTISER", "FINANCE", "ADMIN"],
  "invoices:issue": ["FINANCE"],
  "invoices:settle": ["FINANCE"],
  "reports:read": ["FINANCE", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions an API key may be given. */
export const API_KEY_SCOPES = [
  "advertisers:read",
  "contracts:read",
  "delivery:write",
  "conversions:write",
  "conversions:reverse",
  "invoices:read",
  "reports:read",
] as const satisfies readonly Permission[];

export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** Whether a role grants a permission: for pages deciding what to show a signed-in user. */
export const roleCan = (role: Role, permission: Permission): boolean => (PERMISSIONS[permission] as readonly Role[]).includes(role);

export function can(actor: Actor, permission: Permission): boolean {
  switch (actor.type) {
    case "SYSTEM":
      return true;
    case "USER":
      return roleCan(actor.role, permission);
    case "API_KEY":
      return actor.scopes.includes(permission);
  }
}

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  ADVERTISER: "/advertiser",
  OPS: "/ops",
  FINANCE: "/finance",
  ADMIN: "/admin",
};
