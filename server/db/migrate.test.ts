import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../testing/test-db";
import { migrate, migrationStatus, MIGRATIONS_DIR, readMigrations } from "./migrate";

const t = useTestDatabase();
let tmp: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tally-migrate-"));
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The real migrations plus `extra` ones (name → SQL), as a later release would ship them. */
function migrationsWith(label: string, extra: Record<string, string>): string {
  const dir = path.join(tmp, label);
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  for (const [name, sql] of Object.entries(extra)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

async function tableExists(name: string): Promise<boolean> {
  const rows = await t.db.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass('${name}')::text AS t`);
  return rows[0].t !== null;
}

describe("readMigrations", () => {
  it("reads migration folders in name order with the SHA-256 of their SQL", () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.name)).toEqual([...migrations.map((m) => m.name)].sort());
    for (const m of migrations) expect(m.checksum).toBe(createHash("sha256").update(m.sql).digest("hex"));
  });

  it("ignores folders without a migration.sql and loose files", () => {
    const dir = migrationsWith("noise", {});
    fs.mkdirSync(path.join(dir, "00000000000000_empty"));
    expect(readMigrations(dir).map((m) => m.name)).toEqual(readMigrations().map((m) => m.name));
    expect(fs.existsSync(path.join(dir, "migration_lock.toml"))).toBe(true);
  });
});

describe("migrate", () => {
  it("records what it applied the way Prisma does, so `prisma migrate status` agrees", async () => {
    const rows = await t.db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null }[]>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(readMigrations().map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at instanceof Date)).toBe(true);
  });

  it("does nothing on an up-to-date database", async () => {
    expect(await migrate(t.url)).toEqual([]);
    expect(await migrationStatus(t.url)).toEqual({ applied: readMigrations().map((m) => m.name), pending: [], modified: [] });
  });

  it("applies only the pending migrations, in order", async () => {
    const dir = migrationsWith("pending", {
      "29990101000000_add_note": "CREATE TABLE zz_note (id int PRIMARY KEY);",
      "29990102000000_add_note_text": "ALTER TABLE zz_note ADD COLUMN body text NOT NULL DEFAULT '';",
    });
    expect((await migrationStatus(t.url, dir)).pending).toEqual(["29990101000000_add_note", "29990102000000_add_note_text"]);
    expect(await migrate(t.url, dir)).toEqual(["29990101000000_add_note", "29990102000000_add_note_text"]);
    expect(await tableExists("zz_note")).toBe(true);
    expect(await migrate(t.url, dir)).toEqual([]);
    expect((await migrationStatus(t.url, dir)).pending).toEqual([]);
  });

  it("rolls a failing migration back entirely and does not record it", async () => {
    const dir = migrationsWith("failing", {
      "29990201000000_half_done": "CREATE TABLE zz_half (id int); SELECT * FROM no_such_table;",
    });
    await expect(migrate(t.url, dir)).rejects.toThrow(/^Migration 29990201000000_half_done failed: .*no_such_table/);
    expect(await tableExists("zz_half")).toBe(false);
    expect((await migrationStatus(t.url, dir)).pending).toEqual(["29990201000000_half_done"]);
  });

  it("refuses to run when an applied migration was edited, applying nothing", async () => {
    const dir = migrationsWith("edited", { "29990301000000_after_edit": "CREATE TABLE zz_after_edit (id int);" });
    const [first] = readMigrations(dir);
    fs.appendFileSync(path.join(dir, first.name, "migration.sql"), "\n-- edited\n");
    await expect(migrate(t.url, dir)).rejects.toThrow(`Applied migrations were modified after being applied: ${first.name}`);
    expect(await tableExists("zz_after_edit")).toBe(false);
  });

  // Two app instances starting together. PGlite serves every connection from one backend session, so a
  // session advisory lock cannot exclude there; the embedded database has a single owning process anyway.
  it.runIf(process.env.TEST_DATABASE_URL)("applies each migration once when two migrators race (PostgreSQL)", async () => {
    const dir = migrationsWith("race", {
      "29990401000000_race_a": "CREATE TABLE zz_race_a (id int);",
      "29990402000000_race_b": "CREATE TABLE zz_race_b (id int);",
    });
    const results = await Promise.all([migrate(t.url, dir), migrate(t.url, dir)]);
    expect(results.flat().sort()).toEqual(["29990401000000_race_a", "29990402000000_race_b"]);
    const recorded = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name LIKE '2999040%'`);
    expect(recorded[0].n).toBe(2);
  });
});
