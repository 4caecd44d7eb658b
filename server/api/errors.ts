// The one place where domain errors become API errors: AppError codes → tRPC codes (and so HTTP statuses),
// zod failures → field-level messages. Unexpected errors never reach the client with their details.
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "../errors";

const TRPC_CODE_BY_APP_CODE: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  UNAUTHENTICATED: "UNAUTHORIZED",
  API_KEY_REVOKED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  SELF_LOCKOUT_FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  VALIDATION_FAILED: "BAD_REQUEST",
  ADVERTISER_BINDING_INVALID: "BAD_REQUEST",
  CONFLICT: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  TOO_MANY_ATTEMPTS: "TOO_MANY_REQUESTS",
  VERSION_NOT_EDITABLE: "CONFLICT",
  VERSION_NOT_SUBMITTABLE: "CONFLICT",
  VERSION_NOT_PENDING: "CONFLICT",
  SELF_APPROVAL_FORBIDDEN: "FORBIDDEN",
  ALREADY_APPROVED_BY_YOU: "CONFLICT",
  VERSION_STALE: "CONFLICT",
  OPEN_VERSION_EXISTS: "CONFLICT",
  CONTRACT_NOT_ACTIVE: "CONFLICT",
  CONTRACT_ALREADY_ACTIVE: "CONFLICT",
  CONTRACT_NOT_EDITABLE: "CONFLICT",
  EFFECTIVE_DATE_INVALID: "BAD_REQUEST",
  DELIVERY_REJECTED: "BAD_REQUEST",
  IDEMPOTENCY_KEY_REUSED: "CONFLICT",
  CONVERSIONS_REJECTED: "BAD_REQUEST",
  CONVERSION_NOT_REVERSIBLE: "CONFLICT",
  PAYOUT_STATEMENT_NOT_ALLOWED: "CONFLICT",
  INVOICE_NOT_DRAFT: "CONFLICT",
  INVOICE_NOT_PAYABLE: "CONFLICT",
  INTERNAL: "INTERNAL_SERVER_ERROR",
};

/** Prisma's unique-constraint violation: a race lost to a concurrent insert of the same key. */
const isUniqueViolation = (err: unknown) => typeof err === "object" && err !== null && (err as { code?: string }).code === "P2002";

export function toTRPCError(err: unknown): TRPCError | null {
  if (err instanceof TRPCError) return err;
  if (err instanceof AppError) return new TRPCError({ code: TRPC_CODE_BY_APP_CODE[err.code], message: err.message, cause: err });
  if (err instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: "Input failed validation", cause: err });
  if (isUniqueViolation(err)) {
    return new TRPCError({ code: "CONFLICT", message: "Already exists", cause: new AppError("CONFLICT", "Already exists") });
  }
  return null;
}

/** `{ "email": ["Enter a valid email address"] }` from a zod error or an AppError carrying field errors. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> | undefined {
  if (cause instanceof ZodError) {
    const out: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.length ? issue.path.join(".") : "_form";
      (out[key] ??= []).push(issue.message);
    }
    return out;
  }
  if (cause instanceof AppError) return cause.fieldErrors;
  return undefined;
}

export function detailsOf(cause: unknown): Record<string, unknown> | undefined {
  return cause instanceof AppError ? cause.details : undefined;
}

export function appCodeOf(cause: unknown, trpcCode: string): string {
  if (cause instanceof AppError) return cause.code;
  if (cause instanceof ZodError) return "VALIDATION_FAILED";
  return trpcCode;
}
