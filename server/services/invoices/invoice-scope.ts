// Which invoices an actor may see: advertisers (users and bound API keys) their own advertiser's issued ones —
// never drafts, which are finance's work in progress; internal staff all of them.
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";
import type { Prisma } from "../../db/generated/client";

export function invoiceWhere(actor: Actor, extra: Prisma.InvoiceWhereInput = {}): Prisma.InvoiceWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ advertiserId: tenant, status: { not: "DRAFT" } }, extra] } : extra;
}
