import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { APP_ERROR_CODES, AppError, type AppErrorCode } from "../errors";
import type { Db } from "../db/client";
import { callerAs } from "../testing/fixtures";
import { clientErrorOf, rejectionOf } from "../testing/trpc-errors";
import { appCodeOf, fieldErrorsOf, toTRPCError } from "./errors";

describe("toTRPCError: domain codes → API codes, in one place", () => {
  const expected: Record<AppErrorCode, string> = {
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

  it("covers every application error code", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(APP_ERROR_CODES).sort());
  });

  it.each(Object.entries(expected) as [AppErrorCode, string][])("%s → %s, keeping the AppError as cause", (code, trpcCode) => {
    const appError = new AppError(code);
    const mapped = toTRPCError(appError)!;
    expect(mapped.code).toBe(trpcCode);
    expect(mapped.message).toBe(APP_ERROR_CODES[code]);
    expect(mapped.cause).toBe(appError);
  });

  it("maps a zod failure to BAD_REQUEST", () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error!;
    expect(toTRPCError(zodError)).toMatchObject({ code: "BAD_REQUEST", cause: zodError });
  });

  it("maps a unique-constraint violation (Prisma P2002) to CONFLICT", () => {
    expect(toTRPCError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toMatchObject({ code: "CONFLICT", message: "Already exists" });
  });

  it("passes a TRPCError through and leaves anything else unmapped", () => {
    const trpcError = new TRPCError({ code: "FORBIDDEN" });
    expect(toTRPCError(trpcError)).toBe(trpcError);
    expect(toTRPCError(new Error("boom"))).toBeNull();
  });
});

describe("fieldErrorsOf", () => {
  it("groups zod issues by dotted path, the root under _form", () => {
    const schema = z.object({ email: z.string().email("Bad email"), lines: z.array(z.object({ qty: z.number().min(1, "At least 1") })) }).refine(() => false, "Whole form");
    const error = schema.safeParse({ email: "x", lines: [{ qty: 0 }] }).error!;
    expect(fieldErrorsOf(error)).toEqual({ email: ["Bad email"], "lines.0.qty": ["At least 1"], _form: ["Whole form"] });
  });

  it("returns an AppError's field errors, and nothing for other errors", () => {
    expect(fieldErrorsOf(new AppError("CONFLICT", "x", { fieldErrors: { slug: ["Taken"] } }))).toEqual({ slug: ["Taken"] });
    expect(fieldErrorsOf(new Error("x"))).toBeUndefined();
  });
});

describe("appCodeOf", () => {
  it("names the domain code when there is one", () => {
    expect(appCodeOf(new AppError("EMAIL_TAKEN"), "CONFLICT")).toBe("EMAIL_TAKEN");
    expect(appCodeOf(z.string().safeParse(1).error, "BAD_REQUEST")).toBe("VALIDATION_FAILED");
    expect(appCodeOf(undefined, "FORBIDDEN")).toBe("FORBIDDEN");
  });
});

describe("unexpected errors reaching a client", () => {
  it("are answered with a generic message, never the underlying detail", async () => {
    const failingDb = {
      advertiser: {
        count: async () => 0,
        findMany: async () => {
          throw new Error("connection to 10.0.0.5 failed: password authentication failed for user tally");
        },
      },
    } as unknown as Db;
    const staff = { type: "USER" as const, id: "u1", label: "ops", role: "OPS" as const, advertiserId: null };
    const err = await rejectionOf(callerAs(failingDb, staff).advertisers.list({}));
    expect(err.code).toBe("INTERNAL_SERVER_ERROR");
    const shape = clientErrorOf(err);
    expect(shape.message).toBe("Something went wrong on our side. Try again, or quote the request id.");
    expect(shape.data).toEqual({ code: "INTERNAL_SERVER_ERROR", httpStatus: 500, appCode: "INTERNAL_SERVER_ERROR", fieldErrors: undefined, path: undefined });
    expect(JSON.stringify(shape)).not.toContain("10.0.0.5");
  });
});
