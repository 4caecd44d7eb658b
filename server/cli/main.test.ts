import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_USERS } from "../services/demo/seed-demo";
import { useTestDatabase } from "../testing/test-db";
import { main, USAGE } from "./main";

const t = useTestDatabase();

beforeAll(() => {
  vi.stubEnv("DATABASE_URL", t.url);
});

afterAll(() => {
  vi.unstubAllEnvs();
});

/** Runs `tally <argv>` and captures what it prints. */
async function tally(...argv: string[]) {
  const out = { log: [] as string[], error: [] as string[] };
  const code = await main(argv, { log: (l) => out.log.push(l), error: (l) => out.error.push(l) });
  return { code, stdout: out.log.join("\n"), stderr: out.error.join("\n") };
}

describe("tally (no database needed)", () => {
  it("prints usage and exits 64 for an unknown command", async () => {
    const run = await tally("frobnicate", "now");
    expect(run.code).toBe(64);
    expect(run.stderr).toContain("Unknown command: frobnicate now");
    expect(run.stdout).toBe(USAGE);
  });

  it("prints usage and exits 0 for help or no arguments", async () => {
    expect(await tally("--help")).toMatchObject({ code: 0, stdout: USAGE, stderr: "" });
    expect(await tally()).toMatchObject({ code: 0, stdout: USAGE });
  });
});

describe("tally without DATABASE_URL", () => {
  it("opens the embedded database in TALLY_DATA_DIR, and closes it again", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tally-cli-"));
    try {
      vi.stubEnv("DATABASE_URL", undefined);
      vi.stubEnv("TALLY_DATA_DIR", dataDir);
      expect(await tally("audit", "verify")).toMatchObject({ code: 1, stderr: expect.stringMatching(/pending migration\(s\): run `tally db migrate` first$/) });
      expect((await tally("db", "migrate")).stdout).toMatch(/^Applied: /);
      expect(await tally("audit", "verify")).toMatchObject({ code: 0, stdout: "Audit chain intact: 0 entries verified." });
      expect(fs.existsSync(path.join(dataDir, "pgdata"))).toBe(true);
      expect(fs.existsSync(path.join(dataDir, "embedded.json"))).toBe(false);
    } finally {
      vi.stubEnv("DATABASE_URL", t.url);
      vi.stubEnv("TALLY_DATA_DIR", undefined);
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("tally against a database", () => {
  it("db migrate reports an up-to-date database", async () => {
    expect(await tally("db", "migrate")).toMatchObject({ code: 0, stdout: "Database is up to date." });
  });

  it("audit verify exits 0 and says the chain is intact", async () => {
    const run = await tally("audit", "verify");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Audit chain intact: \d+ entries verified\.$/);
  });

  it("users create creates the user, audited as the CLI", async () => {
    const run = await tally("users", "create", "--email", "Ops.Person@Tally.test", "--name", "Ops Person", "--role", "ops", "--password", "a long password");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "ops.person@tally.test" } });
    expect(run.stdout).toBe(`Created OPS ops.person@tally.test (${user.id})`);
    expect(user.role).toBe("OPS");
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.created", entityId: user.id } });
    expect(audit).toMatchObject({ actorType: "SYSTEM", source: "CLI" });
    expect(audit.actorLabel).toMatch(/^cli:/);
  });

  it("users create takes the password from TALLY_PASSWORD when --password is absent", async () => {
    vi.stubEnv("TALLY_PASSWORD", "from the environment");
    const run = await tally("users", "create", "--email", "env@tally.test", "--name", "Env", "--role", "FINANCE");
    expect(run.code).toBe(0);
    expect(await t.db.user.count({ where: { email: "env@tally.test" } })).toBe(1);
  });

  it("users create names the bad field and exits non-zero", async () => {
    const run = await tally("users", "create", "--email", "not-an-email", "--name", "X", "--role", "OPS", "--password", "a long password");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("email: Enter a valid email address");
  });

  it("users create names a missing flag", async () => {
    const run = await tally("users", "create", "--email", "norole@tally.test", "--name", "X");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("role: --role is required");
  });

  it("users create refuses an unknown flag", async () => {
    const run = await tally("users", "create", "--email", "x@tally.test", "--bogus", "1");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Unknown option '--bogus'/);
  });

  it("users create refuses an unknown role, a short password and a duplicate email with field messages", async () => {
    const base = ["users", "create", "--name", "X"];
    const badRole = await tally(...base, "--email", "r@tally.test", "--role", "boss", "--password", "a long password");
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toMatch(/^role: /);
    const shortPassword = await tally(...base, "--email", "p@tally.test", "--role", "OPS", "--password", "short");
    expect(shortPassword).toMatchObject({ code: 1, stderr: "password: Use at least 10 characters" });
    const duplicate = await tally(...base, "--email", "ops.person@tally.test", "--role", "OPS", "--password", "a long password");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("email: A user with this email already exists");
  });

  it("users create refuses an advertiser handle that does not exist", async () => {
    const run = await tally("users", "create", "--email", "a@nowhere.test", "--name", "A", "--role", "advertiser", "--advertiser", "nowhere", "--password", "a long password");
    expect(run).toMatchObject({ code: 1, stderr: 'No advertiser with handle "nowhere"' });
  });

  it("db seed requires --demo", async () => {
    expect(await tally("db", "seed")).toMatchObject({ code: 1, stderr: "Only the demo world can be seeded: pass --demo" });
  });

  it("db seed --demo seeds once; running it again changes nothing", async () => {
    const first = await tally("db", "seed", "--demo");
    expect(first).toMatchObject({ code: 0, stdout: "Seeded the demo world." });
    const counts = async () => ({ users: await t.db.user.count(), advertisers: await t.db.advertiser.count(), audit: await t.db.auditLog.count() });
    const after = await counts();
    expect(await t.db.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } })).toBe(DEMO_USERS.length);

    const second = await tally("db", "seed", "--demo");
    expect(second).toMatchObject({ code: 0, stdout: "Demo world already present; nothing to do." });
    expect(await counts()).toEqual(after);
  });

  it("users create binds an advertiser user by the advertiser's handle", async () => {
    const run = await tally("users", "create", "--email", "second@acme.test", "--name", "Second", "--role", "advertiser", "--advertiser", "acme", "--password", "a long password");
    expect(run.code).toBe(0);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: "second@acme.test" }, include: { advertiser: true } });
    expect(user.advertiser?.slug).toBe("acme");
  });

  it("audit verify --json prints the report", async () => {
    const run = await tally("audit", "verify", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, checked: await t.db.auditLog.count(), brokenAt: null });
  });

  it("payouts draft drafts the month's statements from the demo world, and names a bad period", async () => {
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const run = await tally("payouts", "draft", "--period", lastMonth);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Payout statements for ${lastMonth}: \\d+ drafted from \\d+ contract\\(s\\)\\.`));
    const bad = await tally("payouts", "draft", "--period", "October");
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe("period: Use a month like 2026-10");
  });

  it("billing run drafts last month's invoices on the queue, worked by the command itself, and reports the run", async () => {
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const run = await tally("billing", "run", "--period", lastMonth);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Billing run for ${lastMonth}: (\\d+) draft invoice\\(s\\), 0 failed, of \\1 contract\\(s\\); payout statements drafted\\.$`));
    expect(await t.db.invoice.count({ where: { period: lastMonth, status: "DRAFT" } })).toBeGreaterThan(0);
    const bad = await tally("billing", "run", "--period", lastMonth, "--contract", "C-1999-0001");
    expect([bad.code, bad.stderr]).toEqual([1, `Not in force in ${lastMonth}: C-1999-0001\n  contracts: Not in force in ${lastMonth}: C-1999-0001`]);
  });

  it("explain prints an issued invoice with every line's trace, and names a wrong number", async () => {
    const { issueInvoice } = await import("../services/invoices/issue-invoice");
    const finance = await t.db.user.findFirstOrThrow({ where: { role: "FINANCE" } });
    const draft = await t.db.invoice.findFirstOrThrow({ where: { status: "DRAFT" }, orderBy: { total: "desc" } });
    const { number } = await issueInvoice(t.db, { actor: { type: "USER", id: finance.id, label: finance.email, role: "FINANCE", advertiserId: null }, source: "CLI", requestId: "test" }, { id: draft.id });
    const run = await tally("explain", number.toLowerCase());
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${number} \\(issued, issued \\d{4}-\\d{2}-\\d{2}, due \\d{4}-\\d{2}-\\d{2}\\)$`));
    expect(lines.filter((l) => /^ {4}Exact .*, rounded once/.test(l)).length).toBeGreaterThan(0);
    expect(lines.at(-1)).toMatch(/^Total +[\d,]+\.\d{2} [A-Z]{3}$/);
    expect(await tally("explain", "INV-1999-000001")).toMatchObject({ code: 1, stderr: "No invoice INV-1999-000001" });
    expect(await tally("explain", "C-2026-0001")).toMatchObject({ code: 1, stderr: "input: Use an invoice number like INV-2026-000123" });
  });

  // Last: it leaves the chain broken for the rest of this file.
  it("audit verify exits 2 and names the entry after tampering", async () => {
    const admin = await t.admin();
    let tamperedId: string;
    try {
      const { rows } = await admin.query(`SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 1`);
      tamperedId = String(rows[0].id);
      await admin.query(`SET session_replication_role = replica`);
      await admin.query(`UPDATE audit_log SET actor_label = 'someone else' WHERE id = $1`, [tamperedId]);
      await admin.query(`SET session_replication_role = origin`);
    } finally {
      await admin.end();
    }
    const run = await tally("audit", "verify");
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`Audit chain BROKEN at entry ${tamperedId} (CONTENT_HASH_MISMATCH); 1 entries before it verified.`);
  });
});
