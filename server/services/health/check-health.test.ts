import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/health/route";
import { MIGRATIONS_DIR, readMigrations } from "../../db/migrate";
import { useTestDatabase } from "../../testing/test-db";
import { checkHealth } from "./check-health";

const t = useTestDatabase();
// Nothing listens on port 1; the password must never come back in a report.
const CLOSED_PORT_URL = "postgresql://postgres:s3cret-pw@127.0.0.1:1/x";

let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tally-health-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A copy of the real migrations folder, changed by `edit`, to stand for a deployment ahead of its database. */
function migrationsCopy(name: string, edit: (dir: string) => void): string {
  const dir = path.join(tmp, name);
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

describe("checkHealth", () => {
  it("is ok on a reachable, fully migrated database", async () => {
    const report = await checkHealth(t.url);
    expect(report).toMatchObject({
      status: "ok",
      database: { reachable: true },
      migrations: { current: true, pending: [], modified: [] },
    });
    expect(report.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(new Date(report.time).toISOString()).toBe(report.time);
  });

  it("is unhealthy when the database does not answer, without echoing the connection string", async () => {
    const report = await checkHealth(CLOSED_PORT_URL);
    expect(report).toMatchObject({ status: "unhealthy", database: { reachable: false, latencyMs: null, error: "ECONNREFUSED" }, migrations: null });
    expect(JSON.stringify(report)).not.toContain("s3cret-pw");
  });

  it("is unhealthy when no database is configured", async () => {
    expect(await checkHealth(undefined)).toMatchObject({ status: "unhealthy", database: { reachable: false, error: "DATABASE_URL is not set" } });
  });

  it("is unhealthy and lists the migration when one on disk is not applied", async () => {
    const dir = migrationsCopy("pending", (d) => {
      fs.mkdirSync(path.join(d, "29990101000000_future_change"));
      fs.writeFileSync(path.join(d, "29990101000000_future_change", "migration.sql"), "SELECT 1;");
    });
    const report = await checkHealth(t.url, dir);
    expect(report).toMatchObject({
      status: "unhealthy",
      database: { reachable: true },
      migrations: { current: false, pending: ["29990101000000_future_change"], modified: [] },
    });
  });

  it("is unhealthy when an applied migration was edited afterwards", async () => {
    const [first] = readMigrations();
    const dir = migrationsCopy("modified", (d) => fs.appendFileSync(path.join(d, first.name, "migration.sql"), "\n-- edited after the fact\n"));
    expect(await checkHealth(t.url, dir)).toMatchObject({ status: "unhealthy", migrations: { current: false, pending: [], modified: [first.name] } });
  });
});

describe("GET /api/health", () => {
  it("answers 200 with the report on the test database, never cached", async () => {
    vi.stubEnv("DATABASE_URL", t.url);
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "ok", migrations: { current: true } });
  });

  it("answers 503 when the database is unreachable", async () => {
    vi.stubEnv("DATABASE_URL", CLOSED_PORT_URL);
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "unhealthy", database: { reachable: false } });
  });
});
