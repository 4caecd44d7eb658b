// What each role sees in the sidebar. Later capabilities add their pages here.
import type { NavItem } from "./app-shell";

type RoleName = "ADVERTISER" | "OPS" | "FINANCE" | "ADMIN";

export const NAV_BY_ROLE: Record<RoleName, NavItem[]> = {
  ADVERTISER: [
    { href: "/advertiser", label: "Dashboard" },
    { href: "/account", label: "Account" },
  ],
  OPS: [
    { href: "/ops", label: "Dashboard" },
    { href: "/advertisers", label: "Advertisers" },
  ],
  FINANCE: [
    { href: "/finance", label: "Dashboard" },
    { href: "/advertisers", label: "Advertisers" },
    { href: "/audit", label: "Audit log" },
  ],
  ADMIN: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/api-keys", label: "API keys" },
    { href: "/advertisers", label: "Advertisers" },
    { href: "/audit", label: "Audit log" },
  ],
};
