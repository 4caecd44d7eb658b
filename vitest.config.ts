import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "app/**/*.test.ts"],
    environment: "node",
    // Integration tests each get their own database (see server/testing/test-db.ts); a few workers is plenty.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { LOG_LEVEL: "silent", NEXTAUTH_SECRET: "test-secret-of-sufficient-length" },
  },
});
