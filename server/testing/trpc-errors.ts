// Assertions on failures: the AppError a service call rejects with, the TRPCError a procedure call rejects with,
// and the formatted shape (domain code, field errors) that the router's error formatter sends over the wire.
import { getTRPCErrorShape, TRPCError } from "@trpc/server";
import { appRouter } from "../api/root";
import { AppError } from "../errors";

/** The AppError a service call rejects with; fails the test if the call succeeds or throws something else. */
export async function appErrorOf(call: Promise<unknown>): Promise<AppError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}

/** The TRPCError a call rejects with; fails the test if the call succeeds or throws something else. */
export async function rejectionOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (err) {
    if (err instanceof TRPCError) return err;
    throw err;
  }
  throw new Error("Expected the call to fail, but it succeeded");
}

/** The error body a client receives: `{ message, code, data: { code, httpStatus, appCode, fieldErrors } }`. */
export function clientErrorOf(error: TRPCError) {
  return getTRPCErrorShape({ config: appRouter._def._config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
}
