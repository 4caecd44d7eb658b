// The one place that says which advertisers an actor may see. An advertiser user or a bound API key sees only
// its own advertiser; staff see all. The builders AND the scope with the caller's own conditions: spreading a
// scope into a `where` would let a requested `id` silently replace the scope's condition on the same key.
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";
import type { Prisma } from "../../db/generated/client";

/** `where` for the Advertiser table: `extra` narrowed to what `actor` may see. */
export function advertiserWhere(actor: Actor, extra: Prisma.AdvertiserWhereInput = {}): Prisma.AdvertiserWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ id: tenant }, extra] } : extra;
}

