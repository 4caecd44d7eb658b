// Schema failures as forms show them: field path → messages.
import type { z } from "zod";

/** `{ "cpmLines.0.key": ["Lower-case letters, digits and dashes"] }`; empty when `input` is valid. */
export function issuesOf(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string[]> = {};
  for (const issue of result.error.issues) (out[issue.path.join(".")] ??= []).push(issue.message);
  return out;
}
