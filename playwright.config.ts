// End-to-end tests drive Debian's Chromium against a production build served by the real launcher on a fresh
// embedded database (so the zero-setup path is what the browser tests exercise).
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `tally-e2e-${process.pid}`);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? "line" : [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: `rm -rf "${dataDir}" && npx next build && node bin/launch.js`,
    url: `http://localhost:${PORT}/api/health`,
    timeout: 420_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "ignore",
    stderr: "pipe",
    env: { TALLY_DATA_DIR: dataDir, PORT: String(PORT), TALLY_DEMO: "1", LOG_LEVEL: "warn", NEXTAUTH_URL: `http://localhost:${PORT}`, DATABASE_URL: "" },
  },
});
