// The one place that says which advertisers an actor may see. Every advertiser-owned aggregate filters through
// `ownedByVisibleAdvertiser`; an advertiser user or a bound API key sees only its own advertiser, staff see all.
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";

/** `where` for the Advertiser table itself. */
export function advertisersVisibleTo(actor: Actor): { id?: string } {
  const tenant = tenantOf(actor);
  return tenant ? { id: tenant } : {};
}

/** `where` fragment for any row that carries an `advertiserId`. */
export function ownedByVisibleAdvertiser(actor: Actor): { advertiserId?: string } {
  const tenant = tenantOf(actor);
  return tenant ? { advertiserId: tenant } : {};
}
