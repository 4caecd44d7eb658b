// Password sign-in with throttling. Every failure answers the same way whether or not the account exists,
// is disabled, or the password was wrong (no account enumeration); only throttling says something else,
// and it applies to any email typed, existing or not.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { dummyPasswordHash, verifyPassword } from "../../auth/password";
import type { Db } from "../../db/client";
import type { Role } from "../../db/generated/enums";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { ZEmail } from "../users/users";

export const ZSignInRequestSchema = z.object({
  email: ZEmail,
  password: z.string().min(1).max(200),
});

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  advertiserId: string | null;
  sessionVersion: number;
}

/** Returns the user, or null for bad credentials. Throws TOO_MANY_ATTEMPTS when throttled. */
export async function signIn(
  db: Db,
  input: { email: string; password: string; ip: string | null },
  policy: ThrottlePolicy,
  requestId: string,
): Promise<SignedInUser | null> {
  const parsed = ZSignInRequestSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const since = new Date(Date.now() - policy.windowMinutes * 60_000);
  // Per account, and a looser bound per address so one client cannot spray many accounts.
  const [byEmail, byIp] = await Promise.all([
    db.signInFailure.count({ where: { email, at: { gte: since } } }),
    input.ip ? db.signInFailure.count({ where: { ip: input.ip, at: { gte: since } } }) : Promise.resolve(0),
  ]);
  if (byEmail >= policy.maxFailures || byIp >= policy.maxFailures * 4) throw new AppError("TOO_MANY_ATTEMPTS");

  const user = await db.user.findUnique({ where: { email } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !passwordOk || user.disabledAt) {
    await db.signInFailure.create({ data: { email, ip: input.ip } });
    return null;
  }
  const ctx: RequestContext = {
    actor: { type: "USER", id: user.id, label: user.email, role: user.role, advertiserId: user.advertiserId },
    source: "WEB",
    requestId,
  };
  await db.$transaction(async (tx) => {
    await tx.signInFailure.deleteMany({ where: { email } });
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, ctx, { action: "user.signedIn", entityId: user.id, after: { ip: input.ip } });
  });
  const { id, name, role, advertiserId, sessionVersion } = user;
  return { id, email: user.email, name, role, advertiserId, sessionVersion };
}

/** Re-read on every request: a disabled user, a changed role or a bumped version ends the session. */
export async function loadSessionUser(db: Db, id: string, sessionVersion: number): Promise<SignedInUser | null> {
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, advertiserId: true, sessionVersion: true, disabledAt: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== sessionVersion) return null;
  const { disabledAt: _disabled, ...rest } = user;
  return rest;
}
