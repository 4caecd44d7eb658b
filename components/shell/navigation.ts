// What each role sees in the sidebar. Later capabilities add their pages here.
import type { NavItem } from "./app-shell";

type RoleName = "ADVERTISER" | "OPS" | "FINANCE" | "ADMIN";

export const NAV_BY_ROLE: Record<RoleName, NavItem[]> = {
  ADVERTISER: [
    { href: "/advertiser", label: "Dashboard" },
    { href: "/contracts", label: "Contracts" },
    { href: "/conversions", label: "Conversions" },
    { href: "/invoices", label: "Invoices" },
    { href: "/renewals", label: "Renewals" },
    { href: "/inbox", label: "Inbox" },
    { href: "/account", label: "Account" },
  ],
  OPS: [
    { href: "/ops", label: "Dashboard" },
    { href: "/contracts", label: "Contracts" },
    { href: "/renewals", label: "Renewals" },
    { href: "/delivery", label: "Delivery" },
    { href: "/conversions", label: "Conversions" },
    { href: "/advertisers", label: "Advertisers" },
    { href: "/rate-cards", label: "Rate cards" },
    { href: "/partners", label: "Partners" },
    { href: "/pricing", label: "Pricing simulator" },
    { href: "/inbox", label: "Inbox" },
  ],
  FINANCE: [
    { href: "/finance", label: "Dashboard" },
    { href: "/approvals", label: "Approvals" },
    { href: "/billing", label: "Billing runs" },
    { href: "/invoices", label: "Invoices" },
    { href: "/payouts", label: "Payouts" },
    { href: "/contracts", label: "Contracts" },
    { href: "/renewals", label: "Renewals" },
    { href: "/delivery", label: "Delivery" },
    { href: "/conversions", label: "Conversions" },
    { href: "/advertisers", label: "Advertisers" },
    { href: "/rate-cards", label: "Rate cards" },
    { href: "/partners", label: "Partners" },
    { href: "/pricing", label: "Pricing simulator" },
    { href: "/audit", label: "Audit log" },
    { href: "/inbox", label: "Inbox" },
  ],
  ADMIN: [
    { href: "/admin", label: "Dashboard" },
    { href: "/admin/users", label: "Users" },
    { href: "/admin/api-keys", label: "API keys" },
    { href: "/advertisers", label: "Advertisers" },
    { href: "/contracts", label: "Contracts" },
    { href: "/rate-cards", label: "Rate cards" },
    { href: "/partners", label: "Partners" },
    { href: "/billing", label: "Billing runs" },
    { href: "/invoices", label: "Invoices" },
    { href: "/payouts", label: "Payouts" },
    { href: "/audit", label: "Audit log" },
    { href: "/inbox", label: "Inbox" },
  ],
};
