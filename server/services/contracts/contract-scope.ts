// Which contracts and versions an actor may see. Advertisers (users and bound API keys) see only their own
// advertiser's contracts once they have been approved (never a contract still being drafted), and of those only
// approved versions: never drafts, pending or rejected ones.
// Builders AND the scope with the caller's conditions (see advertisers/advertiser-scope.ts for why).
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";
import type { Prisma } from "../../db/generated/client";

export function contractWhere(actor: Actor, extra: Prisma.ContractWhereInput = {}): Prisma.ContractWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ advertiserId: tenant, status: { not: "DRAFT" } }, extra] } : extra;
}

export function versionWhere(actor: Actor, extra: Prisma.ContractVersionWhereInput = {}): Prisma.ContractVersionWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ status: "APPROVED", contract: { advertiserId: tenant, status: { not: "DRAFT" } } }, extra] } : extra;
}

/** Advertisers never see internal comments, approvers or authors. */
export const seesInternals = (actor: Actor) => tenantOf(actor) === null;
