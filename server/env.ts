// Configuration, validated once at boot. Every setting Tally reads from the environment is declared here
// (and documented in the README's configuration table).
import path from "node:path";
import { z } from "zod";

const boolish = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .optional()
  .transform((v) => v === "1" || v === "true" || v === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL connection string. Unset: Tally runs on the embedded database in TALLY_DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  TALLY_DATA_DIR: z.string().default(path.join(process.cwd(), ".tally")),
  /** Seed the demo world (accounts with password `demo`). Default: on for the embedded database only. */
  TALLY_DEMO: boolish,
  /** Run the background workers (pg-boss) inside `npm start`. Off when dedicated `tally worker` processes run them. */
  TALLY_WORKERS: z.enum(["0", "1"]).default("1").transform((v) => v === "1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().int().positive().default(15),
  /** Versions committing more than this (in contract currency) need two distinct finance approvals. */
  TALLY_DUAL_APPROVAL_THRESHOLD: z.coerce.number().positive().default(100_000),
  /**
   * A TrueType font for invoice PDFs (and its bold face): names in any script print as written. Unset: Liberation
   * Sans or DejaVu Sans where the system has them, else the PDF standard Helvetica (Western European letters only).
   */
  TALLY_PDF_FONT: z.string().optional(),
  TALLY_PDF_FONT_BOLD: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable means "not set" (shells and CI often export VAR= to clear one).
  const defined = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = EnvSchema.safeParse(defined);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = readEnv();
