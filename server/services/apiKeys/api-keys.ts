// API keys for machine clients. The secret is shown once at creation; only its SHA-256 is stored (the secret is
// 32 random bytes, so a fast hash is enough: there is nothing to brute-force). Keys look like
// `tly_<prefix>_<secret>`; the prefix finds the row, the hash proves the secret.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Actor, RequestContext } from "../../auth/actor";
import { API_KEY_SCOPES, type ApiKeyScope } from "../../auth/permissions";
import type { Db } from "../../db/client";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";

export const ZCreateApiKeyRequestSchema = z.object({
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(80),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1, "Choose at least one scope").max(API_KEY_SCOPES.length),
  advertiserId: z.string().uuid("Choose an advertiser").nullish(),
});
export type CreateApiKeyRequest = z.infer<typeof ZCreateApiKeyRequestSchema>;

const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  advertiser: { select: { id: true, name: true } },
  createdBy: { select: { id: true, email: true } },
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function listApiKeys(db: Db) {
  return db.apiKey.findMany({ select: apiKeySelect, orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }] });
}

export async function createApiKey(db: Db, ctx: RequestContext, input: CreateApiKeyRequest) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "API keys are created by a signed-in admin");
  const createdById = ctx.actor.id;
  const prefix = `tly_${randomBytes(6).toString("hex")}`;
  const secret = randomBytes(32).toString("base64url");
  const plaintext = `${prefix}_${secret}`;
  return db.$transaction(async (tx) => {
    if (input.advertiserId && !(await tx.advertiser.findUnique({ where: { id: input.advertiserId }, select: { id: true } }))) {
      throw new AppError("VALIDATION_FAILED", "Advertiser not found", { fieldErrors: { advertiserId: ["No such advertiser"] } });
    }
    const key = await tx.apiKey.create({
      data: { name: input.name, prefix, secretHash: sha256(secret), scopes: [...new Set(input.scopes)], advertiserId: input.advertiserId ?? null, createdById },
      select: apiKeySelect,
    });
    await recordAudit(tx, ctx, { action: "apiKey.created", entityId: key.id, after: { name: key.name, prefix, scopes: key.scopes, advertiserId: input.advertiserId ?? null } });
    return { key, plaintext };
  });
}

export async function revokeApiKey(db: Db, ctx: RequestContext, input: { id: string; reason?: string }) {
  return db.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id: input.id }, select: apiKeySelect });
    if (!key) throw notFound("API key not found");
    if (key.revokedAt) return key;
    const revoked = await tx.apiKey.update({ where: { id: input.id }, data: { revokedAt: new Date() }, select: apiKeySelect });
    await recordAudit(tx, ctx, { action: "apiKey.revoked", entityId: key.id, before: { revokedAt: null }, after: { revokedAt: revoked.revokedAt }, reason: input.reason ?? null });
    return revoked;
  });
}

const KEY_PATTERN = /^(tly_[0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/**
 * Resolve a bearer token to an actor. Unknown or malformed → UNAUTHENTICATED; revoked → API_KEY_REVOKED
 * (both answer 401). Records the last-used time, at most once a minute per key to spare the write.
 */
export async function authenticateApiKey(db: Db, token: string): Promise<Extract<Actor, { type: "API_KEY" }>> {
  const match = KEY_PATTERN.exec(token.trim());
  if (!match) throw new AppError("UNAUTHENTICATED", "Invalid API key");
  const [, prefix, secret] = match;
  const key = await db.apiKey.findUnique({ where: { prefix } });
  const presented = Buffer.from(sha256(secret));
  if (!key || !timingSafeEqual(presented, Buffer.from(key.secretHash))) throw new AppError("UNAUTHENTICATED", "Invalid API key");
  if (key.revokedAt) throw new AppError("API_KEY_REVOKED");
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  }
  return {
    type: "API_KEY",
    id: key.id,
    label: `${key.name} (${key.prefix})`,
    scopes: key.scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s)),
    advertiserId: key.advertiserId,
  };
}
