// User administration (ADMIN): create, change role / advertiser binding / name, disable and enable.
// Any change that affects what a session may do bumps `sessionVersion`, which ends that user's sessions.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import { hashPassword } from "../../auth/password";
import type { Db, Tx } from "../../db/client";
import { Role } from "../../db/generated/enums";
import { fieldDiff } from "../../domain/audit-chain";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { pageOf, pageWindow } from "../pagination";

export const ZEmail = z.string().trim().toLowerCase().email("Enter a valid email address").max(254);
export const ZPassword = z.string().min(10, "Use at least 10 characters").max(200);
const ZRole = z.enum(Object.values(Role) as [Role, ...Role[]]);

export const ZCreateUserRequestSchema = z.object({
  email: ZEmail,
  name: z.string().trim().min(1, "Name is required").max(120),
  role: ZRole,
  advertiserId: z.string().uuid("Choose an advertiser").nullish(),
  password: ZPassword,
});
export type CreateUserRequest = z.infer<typeof ZCreateUserRequestSchema>;

export const ZUpdateUserRequestSchema = z.object({
  id: z.string().uuid(),
  name: z.string().trim().min(1, "Name is required").max(120).optional(),
  role: ZRole.optional(),
  advertiserId: z.string().uuid("Choose an advertiser").nullish(),
});
export type UpdateUserRequest = z.infer<typeof ZUpdateUserRequestSchema>;

export const ZListUsersRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
  role: ZRole.optional(),
});
export type ListUsersRequest = z.infer<typeof ZListUsersRequestSchema>;

export const userSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  advertiserId: true,
  advertiser: { select: { id: true, name: true } },
  disabledAt: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

/** Advertiser users must be bound to an existing advertiser; staff must not be bound. */
async function assertBinding(tx: Tx, role: Role, advertiserId: string | null | undefined) {
  if (role === "ADVERTISER") {
    const exists = advertiserId && (await tx.advertiser.findUnique({ where: { id: advertiserId }, select: { id: true } }));
    if (!exists) {
      throw new AppError("ADVERTISER_BINDING_INVALID", "Advertiser users must be bound to an advertiser", {
        fieldErrors: { advertiserId: ["Choose the advertiser this user belongs to"] },
      });
    }
  } else if (advertiserId) {
    throw new AppError("ADVERTISER_BINDING_INVALID", "Only advertiser users are bound to an advertiser", {
      fieldErrors: { advertiserId: ["Leave empty for internal roles"] },
    });
  }
}

export async function listUsers(db: Db, input: ListUsersRequest) {
  const where = {
    ...(input.role ? { role: input.role } : {}),
    ...(input.search
      ? {
          OR: [
            { email: { contains: input.search, mode: "insensitive" as const } },
            { name: { contains: input.search, mode: "insensitive" as const } },
          ],
        }
      : {}),
  };
  const [total, items] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({ where, select: userSelect, orderBy: { email: "asc" }, ...pageWindow(input) }),
  ]);
  return pageOf(input, total, items);
}

const emailTaken = () => new AppError("EMAIL_TAKEN", undefined, { fieldErrors: { email: ["A user with this email already exists"] } });

export async function createUser(db: Db, ctx: RequestContext, input: CreateUserRequest) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      await assertBinding(tx, input.role, input.advertiserId);
      const taken = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (taken) throw emailTaken();
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          role: input.role,
          advertiserId: input.role === "ADVERTISER" ? input.advertiserId : null,
          passwordHash,
        },
        select: userSelect,
      });
      await recordAudit(tx, ctx, { action: "user.created", entityId: user.id, after: { email: user.email, name: user.name, role: user.role, advertiserId: user.advertiserId } });
      return user;
    });
  } catch (err) {
    // Lost a race with a concurrent create of the same email (the unique index, P2002): answer as if we had seen it.
    throw (err as { code?: string }).code === "P2002" ? emailTaken() : err;
  }
}

async function lockUser(tx: Tx, id: string) {
  // Row lock: two admins editing the same user serialise instead of overwriting each other's audit "before".
  await tx.$queryRaw`SELECT id FROM app_user WHERE id = ${id}::uuid FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id }, select: { ...userSelect, sessionVersion: true } });
  if (!user) throw notFound("User not found");
  return user;
}

export async function updateUser(db: Db, ctx: RequestContext, input: UpdateUserRequest) {
  return db.$transaction(async (tx) => {
    const current = await lockUser(tx, input.id);
    const role = input.role ?? current.role;
    const advertiserId = input.advertiserId !== undefined ? input.advertiserId : role === "ADVERTISER" ? current.advertiserId : null;
    if (input.id === ctx.actor.id && role !== current.role) {
      throw new AppError("SELF_LOCKOUT_FORBIDDEN", "You cannot change your own role", { fieldErrors: { role: ["You cannot change your own role"] } });
    }
    await assertBinding(tx, role, advertiserId);
    const next = { name: input.name ?? current.name, role, advertiserId: advertiserId ?? null };
    const diff = fieldDiff({ name: current.name, role: current.role, advertiserId: current.advertiserId }, next);
    if (Object.keys(diff.after).length === 0) return current;
    const accessChanged = "role" in diff.after || "advertiserId" in diff.after;
    const user = await tx.user.update({
      where: { id: input.id },
      data: { ...next, ...(accessChanged ? { sessionVersion: { increment: 1 } } : {}) },
      select: userSelect,
    });
    await recordAudit(tx, ctx, { action: "user.updated", entityId: user.id, ...diff });
    return user;
  });
}

export async function setUserDisabled(db: Db, ctx: RequestContext, input: { id: string; disabled: boolean; reason?: string }) {
  return db.$transaction(async (tx) => {
    const current = await lockUser(tx, input.id);
    if (input.id === ctx.actor.id) throw new AppError("SELF_LOCKOUT_FORBIDDEN", "You cannot disable yourself");
    if (Boolean(current.disabledAt) === input.disabled) return current;
    const disabledAt = input.disabled ? new Date() : null;
    const user = await tx.user.update({
      where: { id: input.id },
      // Bumping the version ends every live session of a disabled user at their next request.
      data: { disabledAt, sessionVersion: { increment: 1 } },
      select: userSelect,
    });
    await recordAudit(tx, ctx, {
      action: input.disabled ? "user.disabled" : "user.enabled",
      entityId: user.id,
      before: { disabledAt: current.disabledAt },
      after: { disabledAt },
      reason: input.reason ?? null,
    });
    return user;
  });
}
