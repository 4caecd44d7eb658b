/**
 * tRPC building blocks. Read top to bottom:
 * 1. context — who is calling (session user or API key), through which source, with which request id;
 * 2. initialization — superjson, the error shape (domain code + field errors, never a stack);
 * 3. procedures — public → authed → permitted(permission), the permission matrix living in server/auth/permissions.
 */
import { randomUUID } from "node:crypto";
import { initTRPC, TRPCError } from "@trpc/server";
import { getServerSession } from "next-auth";
import superjson from "superjson";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Actor, RequestContext } from "../auth/actor";
import { authOptions } from "../auth/options";
import { can, type Permission } from "../auth/permissions";
import { getDb } from "../db/client";
import type { AuditSource } from "../db/generated/enums";
import { AppError } from "../errors";
import { logger } from "../logger";
import { authenticateApiKey } from "../services/apiKeys/api-keys";
import { appCodeOf, detailsOf, fieldErrorsOf, toTRPCError } from "./errors";

// 1. CONTEXT

export async function createContext(opts: { headers: Headers; source?: AuditSource }) {
  const requestId = opts.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
  const db = getDb();
  let actor: Actor | null = null as Actor | null;
  let authError: AppError | null = null;
  const authorization = opts.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    try {
      actor = await authenticateApiKey(db, authorization.slice(7));
    } catch (err) {
      authError = err instanceof AppError ? err : new AppError("UNAUTHENTICATED");
    }
  } else if (opts.headers.get("cookie")?.includes("next-auth.session-token")) {
    const session = await getServerSession(authOptions);
    if (session?.user) {
      const u = session.user;
      actor = { type: "USER", id: u.id, label: u.email, role: u.role, advertiserId: u.advertiserId };
    }
  }
  const source: AuditSource = opts.source ?? (actor?.type === "API_KEY" ? "API" : "WEB");
  return { db, actor, authError, source, requestId, log: logger.child({ requestId }) };
}

export type Context = Awaited<ReturnType<typeof createContext>>;

// 2. INITIALIZATION

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      return {
        ...shape,
        message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on our side. Try again, or quote the request id." : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appCodeOf(error.cause, error.code),
          fieldErrors: fieldErrorsOf(error.cause),
          details: detailsOf(error.cause),
        },
      };
    },
  });

// 3. PROCEDURES

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Every call: one structured log line (path, actor, duration, outcome) with the request id, and domain errors
 * mapped to API errors. Unexpected errors are logged with their cause, once; the client only sees a generic message.
 */
const observed = t.middleware(async ({ ctx, next, path, type }) => {
  const started = performance.now();
  const result = await next();
  const mapped = result.ok ? null : (toTRPCError(result.error.cause) ?? result.error);
  const line = { path, type, actor: ctx.actor?.label ?? null, durationMs: Math.round(performance.now() - started), code: mapped?.code ?? "OK" };
  if (mapped?.code === "INTERNAL_SERVER_ERROR") ctx.log.error({ ...line, err: result.ok ? undefined : (result.error.cause ?? result.error) }, "procedure failed");
  else ctx.log.info(line, "procedure");
  if (!result.ok && mapped !== result.error) throw mapped;
  return result;
});

export const publicProcedure = t.procedure.use(observed);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: ctx.authError?.message ?? "Sign in first", cause: ctx.authError ?? undefined });
  }
  const requestContext: RequestContext = { actor: ctx.actor, source: ctx.source, requestId: ctx.requestId };
  return next({ ctx: { ...ctx, actor: ctx.actor, request: requestContext } });
});

/** A procedure callable only by actors holding `permission` (a role that grants it, or an API key scoped to it). */
export const permittedProcedure = (permission: Permission) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!can(ctx.actor, permission)) throw new TRPCError({ code: "FORBIDDEN", message: `Requires the ${permission} permission` });
    return next();
  });
