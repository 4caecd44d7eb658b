// Small builders for integration tests: actors, request contexts and tRPC callers acting as them.
import { randomUUID } from "node:crypto";
import type { Actor, RequestContext } from "../auth/actor";
import { createCaller } from "../api/root";
import type { Context } from "../api/trpc";
import type { Db } from "../db/client";
import type { Role } from "../db/generated/enums";
import { logger } from "../logger";

export function userActor(user: { id: string; email: string; role: Role; advertiserId: string | null }): Actor {
  return { type: "USER", id: user.id, label: user.email, role: user.role, advertiserId: user.advertiserId };
}

export const requestAs = (actor: Actor): RequestContext => ({ actor, source: "WEB", requestId: randomUUID() });

export function callerAs(db: Db, actor: Actor | null) {
  const ctx: Context = { db, actor, authError: null, source: "WEB", requestId: randomUUID(), log: logger };
  return createCaller(ctx);
}
