"use client";
// Reads the error shape of server/api/trpc.ts: field-level messages go next to their fields, the rest on top.

interface ShapedError {
  message: string;
  data?: { fieldErrors?: Record<string, string[]> | null } | null;
}

export function useFieldErrors(error: ShapedError | null | undefined) {
  const fieldErrors = error?.data?.fieldErrors ?? undefined;
  return {
    fieldError: (name: string) => fieldErrors?.[name] ?? null,
    /** The top-of-form message: shown when the error is not (only) about fields. */
    formError: error && !fieldErrors ? error.message : null,
  };
}
