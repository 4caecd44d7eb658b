// Who is acting. Every service takes the actor explicitly; audit rows record it with the source it came through.
import type { AuditSource, Role } from "../db/generated/enums";

export type Actor =
  | { type: "USER"; id: string; label: string; role: Role; advertiserId: string | null }
  | { type: "API_KEY"; id: string; label: string; scopes: readonly string[]; advertiserId: string | null }
  | { type: "SYSTEM"; id: null; label: string; role: "ADMIN"; advertiserId: null };

export interface RequestContext {
  actor: Actor;
  source: AuditSource;
  requestId: string;
}

export const systemActor = (label = "system"): Extract<Actor, { type: "SYSTEM" }> => ({
  type: "SYSTEM",
  id: null,
  label,
  role: "ADMIN",
  advertiserId: null,
});

/** The advertiser an actor is confined to, or null for internal staff and unbound keys. */
export function tenantOf(actor: Actor): string | null {
  if (actor.type === "USER") return actor.role === "ADVERTISER" ? actor.advertiserId : null;
  return actor.advertiserId;
}
