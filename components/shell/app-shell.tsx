"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { Role } from "@/server/db/generated/enums";
import { InboxLink } from "../notifications/inbox-link";
import { RoleBadge } from "../users/roles";
import { cn, focusRing } from "../ui/cn";

export interface NavItem {
  href: string;
  label: string;
}

export interface ShellUser {
  name: string;
  email: string;
  role: Role;
}

export interface AppShellProps {
  user: ShellUser;
  nav: NavItem[];
  /** The caller owns sign-out (e.g. a <form action={signOut}> with a Button). */
  signOutSlot?: ReactNode;
  children: ReactNode;
}

const MAIN_ID = "main-content";

function matches(pathname: string, href: string): boolean {
  const base = href.replace(/\/+$/, "");
  // An empty base is the root item, which would otherwise prefix-match every page.
  return pathname === href || (base !== "" && pathname.startsWith(`${base}/`));
}

/** The longest match wins, so a /contracts/new item does not also light up /contracts. */
function activeHref(pathname: string, nav: NavItem[]): string | undefined {
  return nav
    .filter(({ href }) => matches(pathname, href))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function AppShell({ user, nav, signOutSlot, children }: AppShellProps) {
  const pathname = usePathname() ?? "";
  const current = activeHref(pathname, nav);

  return (
    <div className="min-h-screen md:flex">
      <a
        href={`#${MAIN_ID}`}
        className={cn(
          "sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow",
          focusRing,
        )}
      >
        Skip to content
      </a>

      <aside className="border-b border-slate-200 bg-white md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0">
        <div className="px-5 py-4">
          <span className="text-lg font-semibold tracking-tight text-slate-900">Tally</span>
        </div>
        <nav aria-label="Main" className="overflow-x-auto px-3 pb-3">
          <ul className="flex gap-1 md:flex-col">
            {nav.map((item) => {
              const active = item.href === current;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={active ? "page" : undefined}
                    className={cn(
                      "block rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap",
                      active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100 hover:text-slate-900",
                      focusRing,
                    )}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex flex-wrap items-center justify-end gap-3 border-b border-slate-200 bg-white px-4 py-3 md:px-8">
          <InboxLink />
          <div className="min-w-0 text-right">
            <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
            <p className="truncate text-xs text-slate-500">{user.email}</p>
          </div>
          <RoleBadge role={user.role} />
          {signOutSlot}
        </header>
        <main id={MAIN_ID} tabIndex={-1} className="flex-1 px-4 py-6 outline-none md:px-8 md:py-8">
          {children}
        </main>
      </div>
    </div>
  );
}
