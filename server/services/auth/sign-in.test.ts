import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashPassword } from "../../auth/password";
import { insertAdvertiser, insertUser, requestAs, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { appErrorOf } from "../../testing/trpc-errors";
import { setUserDisabled, updateUser } from "../users/users";
import { loadSessionUser, signIn } from "./sign-in";

const t = useTestDatabase();
const policy = { maxFailures: 3, windowMinutes: 15 };
const PASSWORD = "correct horse battery";

let passwordHash: string;
let admin: Awaited<ReturnType<typeof insertUser>>;
let acmeId: string;
let n = 0;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  admin = await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" });
  acmeId = (await insertAdvertiser(t.db, "acme")).id;
});

beforeEach(async () => {
  await t.db.signInFailure.deleteMany();
});

/** A fresh user with PASSWORD, so tests do not share throttling state or session versions. */
async function newUser(overrides: { role?: "OPS" | "ADVERTISER"; disabled?: boolean } = {}) {
  n += 1;
  return t.db.user.create({
    data: {
      email: `user${n}@tally.test`,
      name: `User ${n}`,
      role: overrides.role ?? "OPS",
      advertiserId: overrides.role === "ADVERTISER" ? acmeId : null,
      passwordHash,
      disabledAt: overrides.disabled ? new Date() : null,
    },
  });
}

const attempt = (email: string, password: string, ip: string | null = "203.0.113.7") => signIn(t.db, { email, password, ip }, policy, "req-test");

describe("signIn", () => {
  it("returns the user for the right password, records the sign-in and clears earlier failures", async () => {
    const user = await newUser();
    expect(await attempt(user.email, "wrong password")).toBeNull();
    expect(await t.db.signInFailure.count({ where: { email: user.email } })).toBe(1);

    const signedIn = await attempt(user.email, PASSWORD);
    expect(signedIn).toEqual({ id: user.id, email: user.email, name: user.name, role: "OPS", advertiserId: null, sessionVersion: 1 });
    expect(await t.db.signInFailure.count({ where: { email: user.email } })).toBe(0);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeInstanceOf(Date);
    const audit = await t.db.auditLog.findFirst({ where: { action: "user.signedIn", entityId: user.id } });
    expect(audit).toMatchObject({ actorId: user.id, source: "WEB", requestId: "req-test", after: { ip: "203.0.113.7" } });
  });

  it("matches the email case-insensitively and ignores surrounding spaces", async () => {
    const user = await newUser();
    expect(await attempt(`  ${user.email.toUpperCase()} `, PASSWORD)).toMatchObject({ id: user.id });
  });

  it("answers a wrong password, an unknown email and a disabled account the same way: null, and counts a failure", async () => {
    const user = await newUser();
    const disabled = await newUser({ disabled: true });
    expect(await attempt(user.email, "wrong password")).toBeNull();
    expect(await attempt("nobody@tally.test", PASSWORD)).toBeNull();
    expect(await attempt(disabled.email, PASSWORD)).toBeNull();
    const failures = await t.db.signInFailure.findMany({ orderBy: { id: "asc" } });
    expect(failures.map((f) => f.email)).toEqual([user.email, "nobody@tally.test", disabled.email]);
  });

  it("returns null for malformed input without touching the database", async () => {
    expect(await attempt("not-an-email", PASSWORD)).toBeNull();
    expect(await attempt("x@tally.test", "")).toBeNull();
    expect(await t.db.signInFailure.count()).toBe(0);
  });

  it("refuses even the right password with TOO_MANY_ATTEMPTS once an email reached the failure limit", async () => {
    const user = await newUser();
    for (let i = 0; i < policy.maxFailures; i++) expect(await attempt(user.email, `wrong ${i}`)).toBeNull();
    const err = await appErrorOf(attempt(user.email, PASSWORD));
    expect(err.code).toBe("TOO_MANY_ATTEMPTS");
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeNull();
  });

  it("allows the right password one failure short of the limit", async () => {
    const user = await newUser();
    for (let i = 0; i < policy.maxFailures - 1; i++) await attempt(user.email, `wrong ${i}`);
    expect(await attempt(user.email, PASSWORD)).toMatchObject({ id: user.id });
  });

  it("throttles an email that has no account exactly like one that has (no enumeration)", async () => {
    for (let i = 0; i < policy.maxFailures; i++) expect(await attempt("ghost@tally.test", `wrong ${i}`)).toBeNull();
    expect((await appErrorOf(attempt("ghost@tally.test", "anything"))).code).toBe("TOO_MANY_ATTEMPTS");
  });

  it("only counts failures inside the window", async () => {
    const user = await newUser();
    const old = new Date(Date.now() - (policy.windowMinutes + 1) * 60_000);
    await t.db.signInFailure.createMany({ data: Array.from({ length: 5 }, () => ({ email: user.email, ip: "203.0.113.7", at: old })) });
    expect(await attempt(user.email, PASSWORD)).toMatchObject({ id: user.id });
  });

  it("throttles one address spraying many accounts, at four times the per-account limit", async () => {
    const ip = "198.51.100.9";
    const perIpLimit = policy.maxFailures * 4;
    for (let i = 0; i < perIpLimit; i++) expect(await attempt(`spray${i}@tally.test`, "wrong", ip)).toBeNull();
    const user = await newUser();
    expect((await appErrorOf(attempt(user.email, PASSWORD, ip))).code).toBe("TOO_MANY_ATTEMPTS");
    // The same account from another address is not affected.
    expect(await attempt(user.email, PASSWORD, "198.51.100.10")).toMatchObject({ id: user.id });
  });
});

describe("loadSessionUser", () => {
  it("returns the current user while the session version matches", async () => {
    const user = await newUser();
    expect(await loadSessionUser(t.db, user.id, 1)).toEqual({ id: user.id, email: user.email, name: user.name, role: "OPS", advertiserId: null, sessionVersion: 1 });
    expect(await loadSessionUser(t.db, user.id, 2)).toBeNull();
  });

  it("ends the session once the user is disabled", async () => {
    const user = await newUser();
    await setUserDisabled(t.db, requestAs(userActor(admin)), { id: user.id, disabled: true });
    expect(await loadSessionUser(t.db, user.id, 1)).toBeNull();
    expect(await loadSessionUser(t.db, user.id, 2)).toBeNull();
  });

  it("ends the session when the role changes (the version is bumped), and accepts the new version", async () => {
    const user = await newUser();
    await updateUser(t.db, requestAs(userActor(admin)), { id: user.id, role: "FINANCE" });
    expect(await loadSessionUser(t.db, user.id, 1)).toBeNull();
    expect(await loadSessionUser(t.db, user.id, 2)).toMatchObject({ role: "FINANCE", sessionVersion: 2 });
  });

  it("keeps the session when only the name changes", async () => {
    const user = await newUser();
    await updateUser(t.db, requestAs(userActor(admin)), { id: user.id, name: "Renamed" });
    expect(await loadSessionUser(t.db, user.id, 1)).toMatchObject({ name: "Renamed", sessionVersion: 1 });
  });

  it("returns null for an unknown user", async () => {
    expect(await loadSessionUser(t.db, "00000000-0000-4000-8000-000000000000", 1)).toBeNull();
  });
});
