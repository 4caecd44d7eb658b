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

/** A stored hash that no password verifies against: for users a test never signs in as (argon2 is slow). */
export const UNUSABLE_PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$dW51c2FibGU$dW51c2FibGUtdW51c2FibGUtdW51c2FibGU";

export function insertAdvertiser(db: Db, slug: string, name = slug[0].toUpperCase() + slug.slice(1)) {
  return db.advertiser.create({ data: { slug, name } });
}

/** A user row written directly, bypassing the service (no audit entry): the given of a test, not its subject. */
export function insertUser(db: Db, data: { email: string; role: Role; advertiserId?: string | null; name?: string; passwordHash?: string }) {
  return db.user.create({
    data: {
      email: data.email,
      name: data.name ?? data.email.split("@")[0],
      role: data.role,
      advertiserId: data.advertiserId ?? null,
      passwordHash: data.passwordHash ?? UNUSABLE_PASSWORD_HASH,
    },
  });
}
