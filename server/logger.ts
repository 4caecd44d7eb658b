// Structured JSON logs. Each request gets a child logger carrying its request id (also written to audit rows).
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? "info",
  base: { app: "tally" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: { paths: ["password", "*.password", "authorization", "*.authorization", "plaintext", "*.plaintext"], censor: "[redacted]" },
});
