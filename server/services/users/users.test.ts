import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { callerAs, insertAdvertiser, insertUser, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";

const t = useTestDatabase();

let adminActor: Actor;
let adminId: string;
let acmeId: string;
let n = 0;

beforeAll(async () => {
  const admin = await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" });
  adminId = admin.id;
  adminActor = userActor(admin);
  acmeId = (await insertAdvertiser(t.db, "acme")).id;
});

const asAdmin = () => callerAs(t.db, adminActor);
const nextEmail = () => `person${++n}@tally.test`;
const newUserInput = (overrides: Record<string, unknown> = {}) => ({
  email: nextEmail(),
  name: "Pat Person",
  role: "OPS" as const,
  password: "long enough password",
  ...overrides,
});

describe("users.create", () => {
  it("creates the user and writes user.created to the audit log in the same transaction", async () => {
    const input = newUserInput({ email: "  New.Person@Tally.TEST ", role: "FINANCE" });
    const user = await asAdmin().users.create(input);
    expect(user).toMatchObject({ email: "new.person@tally.test", name: "Pat Person", role: "FINANCE", advertiserId: null, advertiser: null, disabledAt: null });
    expect(user).not.toHaveProperty("passwordHash");

    const stored = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored.passwordHash).not.toContain(input.password);

    const audit = await t.db.auditLog.findMany({ where: { action: "user.created", entityId: user.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorType: "USER",
      actorId: adminId,
      entityType: "User",
      source: "WEB",
      after: { email: "new.person@tally.test", name: "Pat Person", role: "FINANCE", advertiserId: null },
    });
    expect(JSON.stringify([audit[0].before, audit[0].after])).not.toContain(input.password);
  });

  it("creates an advertiser user bound to its advertiser", async () => {
    const user = await asAdmin().users.create(newUserInput({ role: "ADVERTISER", advertiserId: acmeId }));
    expect(user).toMatchObject({ role: "ADVERTISER", advertiserId: acmeId, advertiser: { id: acmeId, name: "Acme" } });
  });

  it("refuses a duplicate email with CONFLICT and a message on the email field, writing nothing", async () => {
    const input = newUserInput();
    await asAdmin().users.create(input);
    const auditBefore = await t.db.auditLog.count();
    const err = await rejectionOf(asAdmin().users.create({ ...input, email: input.email.toUpperCase(), name: "Other" }));
    expect(err.code).toBe("CONFLICT");
    expect(clientErrorOf(err).data).toMatchObject({ httpStatus: 409, appCode: "EMAIL_TAKEN", fieldErrors: { email: ["A user with this email already exists"] } });
    expect(await t.db.user.count({ where: { email: input.email } })).toBe(1);
    expect(await t.db.auditLog.count()).toBe(auditBefore);
  });

  it("refuses an advertiser user without an advertiser (BAD_REQUEST on advertiserId)", async () => {
    const err = await rejectionOf(asAdmin().users.create(newUserInput({ role: "ADVERTISER" })));
    expect(err.code).toBe("BAD_REQUEST");
    expect(clientErrorOf(err).data).toMatchObject({ appCode: "ADVERTISER_BINDING_INVALID", fieldErrors: { advertiserId: ["Choose the advertiser this user belongs to"] } });
  });

  it("refuses an advertiser user bound to an advertiser that does not exist", async () => {
    const err = await rejectionOf(asAdmin().users.create(newUserInput({ role: "ADVERTISER", advertiserId: "00000000-0000-4000-8000-000000000000" })));
    expect(err.code).toBe("BAD_REQUEST");
    expect(clientErrorOf(err).data.fieldErrors).toHaveProperty("advertiserId");
  });

  it("refuses a staff user bound to an advertiser", async () => {
    const input = newUserInput({ role: "OPS", advertiserId: acmeId });
    const err = await rejectionOf(asAdmin().users.create(input));
    expect(err.code).toBe("BAD_REQUEST");
    expect(clientErrorOf(err).data).toMatchObject({ appCode: "ADVERTISER_BINDING_INVALID", fieldErrors: { advertiserId: ["Leave empty for internal roles"] } });
    expect(await t.db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it("rejects malformed input with BAD_REQUEST and per-field messages", async () => {
    const err = await rejectionOf(asAdmin().users.create(newUserInput({ email: "not-an-email", password: "short" })));
    expect(err.code).toBe("BAD_REQUEST");
    const shape = clientErrorOf(err);
    expect(shape.data).toMatchObject({
      httpStatus: 400,
      appCode: "VALIDATION_FAILED",
      fieldErrors: { email: ["Enter a valid email address"], password: ["Use at least 10 characters"] },
    });
  });

  it("lets exactly one of two concurrent creates with the same email succeed; the other gets CONFLICT", async () => {
    const input = newUserInput();
    const results = await Promise.allSettled([asAdmin().users.create(input), asAdmin().users.create({ ...input, name: "Twin" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: "CONFLICT" });
    expect(clientErrorOf(rejected[0].reason).data.fieldErrors).toEqual({ email: ["A user with this email already exists"] });
    expect(await t.db.user.count({ where: { email: input.email } })).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "user.created", after: { path: ["email"], equals: input.email } } })).toBe(1);
  });
});

describe("users.update", () => {
  it("changes the role, bumps the session version and audits only the changed fields", async () => {
    const user = await asAdmin().users.create(newUserInput());
    const updated = await asAdmin().users.update({ id: user.id, role: "FINANCE", name: "Pat Person" });
    expect(updated.role).toBe("FINANCE");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(2);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "user.updated", entityId: user.id } });
    expect(audit).toMatchObject({ before: { role: "OPS" }, after: { role: "FINANCE" } });
  });

  it("does not bump the session version or write an entry when nothing changed", async () => {
    const user = await asAdmin().users.create(newUserInput());
    await asAdmin().users.update({ id: user.id, role: "OPS", name: "Pat Person" });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "user.updated", entityId: user.id } })).toBe(0);
  });

  it("moves an advertiser user to a staff role, dropping the advertiser binding", async () => {
    const user = await asAdmin().users.create(newUserInput({ role: "ADVERTISER", advertiserId: acmeId }));
    const updated = await asAdmin().users.update({ id: user.id, role: "OPS" });
    expect(updated).toMatchObject({ role: "OPS", advertiserId: null });
  });

  it("refuses to make a staff user an advertiser user without an advertiser", async () => {
    const user = await asAdmin().users.create(newUserInput());
    const err = await rejectionOf(asAdmin().users.update({ id: user.id, role: "ADVERTISER" }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(clientErrorOf(err).data.fieldErrors).toHaveProperty("advertiserId");
  });

  it("does not let an admin change their own role", async () => {
    const err = await rejectionOf(asAdmin().users.update({ id: adminId, role: "OPS" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(clientErrorOf(err).data.appCode).toBe("SELF_LOCKOUT_FORBIDDEN");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: adminId } })).role).toBe("ADMIN");
  });

  it("answers NOT_FOUND for an unknown user", async () => {
    const err = await rejectionOf(asAdmin().users.update({ id: "00000000-0000-4000-8000-000000000000", name: "X" }));
    expect(err.code).toBe("NOT_FOUND");
  });
});

describe("users.setDisabled", () => {
  it("disables then enables a user, bumping the session version and auditing both", async () => {
    const user = await asAdmin().users.create(newUserInput());
    const disabled = await asAdmin().users.setDisabled({ id: user.id, disabled: true, reason: "left the company" });
    expect(disabled.disabledAt).toBeInstanceOf(Date);
    const enabled = await asAdmin().users.setDisabled({ id: user.id, disabled: false });
    expect(enabled.disabledAt).toBeNull();
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(3);
    const actions = await t.db.auditLog.findMany({ where: { entityId: user.id, action: { in: ["user.disabled", "user.enabled"] } }, orderBy: { id: "asc" } });
    expect(actions.map((a) => [a.action, a.reason])).toEqual([
      ["user.disabled", "left the company"],
      ["user.enabled", null],
    ]);
  });

  it("does nothing when the user is already in the requested state", async () => {
    const user = await asAdmin().users.create(newUserInput());
    await asAdmin().users.setDisabled({ id: user.id, disabled: false });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion).toBe(1);
    expect(await t.db.auditLog.count({ where: { entityId: user.id, action: "user.enabled" } })).toBe(0);
  });

  it("does not let an admin disable themselves", async () => {
    const err = await rejectionOf(asAdmin().users.setDisabled({ id: adminId, disabled: true }));
    expect(err.code).toBe("FORBIDDEN");
    expect(clientErrorOf(err).data.appCode).toBe("SELF_LOCKOUT_FORBIDDEN");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: adminId } })).disabledAt).toBeNull();
  });
});

describe("users.list", () => {
  it("pages and searches by email or name", async () => {
    await asAdmin().users.create(newUserInput({ name: "Zelda Searchable" }));
    const page = await asAdmin().users.list({ search: "searchable" });
    expect(page.items.map((u) => u.name)).toEqual(["Zelda Searchable"]);
    expect(page).toMatchObject({ total: 1, page: 1, pageCount: 1 });
    const admins = await asAdmin().users.list({ role: "ADMIN" });
    expect(admins.items.map((u) => u.email)).toEqual(["admin@tally.test"]);
  });
});

describe("who may manage users", () => {
  const roles = ["OPS", "FINANCE", "ADVERTISER"] as const;

  it.each(roles)("refuses %s with FORBIDDEN, for reads and writes alike", async (role) => {
    const actor: Actor = { type: "USER", id: "11111111-1111-4111-8111-111111111111", label: "x", role, advertiserId: role === "ADVERTISER" ? acmeId : null };
    const caller = callerAs(t.db, actor);
    expect((await rejectionOf(caller.users.list({}))).code).toBe("FORBIDDEN");
    const input = newUserInput();
    expect((await rejectionOf(caller.users.create(input))).code).toBe("FORBIDDEN");
    expect((await rejectionOf(caller.users.setDisabled({ id: adminId, disabled: true }))).code).toBe("FORBIDDEN");
    expect(await t.db.user.count({ where: { email: input.email } })).toBe(0);
  });

  it("refuses an API key, whatever its scopes", async () => {
    const key: Actor = { type: "API_KEY", id: "k1", label: "key", scopes: ["advertisers:read", "delivery:write", "conversions:write", "invoices:read"], advertiserId: null };
    expect((await rejectionOf(callerAs(t.db, key).users.list({}))).code).toBe("FORBIDDEN");
  });

  it("refuses an anonymous caller with UNAUTHORIZED", async () => {
    const err = await rejectionOf(callerAs(t.db, null).users.create(newUserInput()));
    expect(err.code).toBe("UNAUTHORIZED");
    expect(clientErrorOf(err).data.httpStatus).toBe(401);
  });
});
