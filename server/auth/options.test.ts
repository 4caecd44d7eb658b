// NextAuth wiring: credentials sign-in through the throttled service, and a session token that is re-checked
// against the database on every use.
import type { JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { setUserDisabled, updateUser } from "../services/users/users";
import { insertUser, requestAs, userActor } from "../testing/fixtures";
import { useAsProcessDatabase, useTestDatabase } from "../testing/test-db";
import { authOptions } from "./options";
import { hashPassword } from "./password";

const t = useTestDatabase();
useAsProcessDatabase(t);
const PASSWORD = "correct horse battery";

type Authorize = (credentials: Record<string, string> | undefined, req: { headers?: Record<string, string> }) => Promise<unknown>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const jwt = (params: { token: JWT; user?: unknown }) => authOptions.callbacks!.jwt!(params as never) as Promise<JWT>;

let passwordHash: string;
let adminCtx: ReturnType<typeof requestAs>;
let n = 0;

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
  adminCtx = requestAs(userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" })));
});

const newUser = () => insertUser(t.db, { email: `member${++n}@tally.test`, name: `Member ${n}`, role: "OPS", passwordHash });

/** The token NextAuth holds right after this user signed in. */
async function signedInToken(email: string): Promise<JWT> {
  const user = await authorize({ email, password: PASSWORD }, { headers: {} });
  expect(user).not.toBeNull();
  return jwt({ token: { email }, user });
}

describe("credentials authorize", () => {
  it("returns the user for the right password", async () => {
    const user = await newUser();
    expect(await authorize({ email: user.email, password: PASSWORD }, { headers: {} })).toMatchObject({ id: user.id, role: "OPS", sessionVersion: 1 });
  });

  it("returns null for a wrong password, recording the client's address from x-forwarded-for", async () => {
    const user = await newUser();
    expect(await authorize({ email: user.email, password: "wrong" }, { headers: { "x-forwarded-for": "203.0.113.5, 10.0.0.1" } })).toBeNull();
    expect(await t.db.signInFailure.findFirst({ where: { email: user.email } })).toMatchObject({ ip: "203.0.113.5" });
  });

  it("returns null for missing credentials", async () => {
    expect(await authorize(undefined, {})).toBeNull();
  });

  it("turns throttling into the TooManyAttempts error the sign-in page understands", async () => {
    const user = await newUser();
    await t.db.signInFailure.createMany({ data: Array.from({ length: env.SIGNIN_MAX_FAILURES }, () => ({ email: user.email })) });
    await expect(authorize({ email: user.email, password: PASSWORD }, { headers: {} })).rejects.toThrow("TooManyAttempts");
  });
});

describe("session token", () => {
  it("carries the user's id, role, session version and sign-in time", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    expect(token).toMatchObject({ sub: user.id, email: user.email, role: "OPS", advertiserId: null, sv: 1 });
    expect(typeof token.authTime).toBe("number");
  });

  it("is refreshed from the database on use (a renamed user sees the new name)", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    await updateUser(t.db, adminCtx, { id: user.id, name: "Renamed Member" });
    expect(await jwt({ token })).toMatchObject({ sub: user.id, name: "Renamed Member", role: "OPS" });
  });

  it("ends when the user is disabled", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    await setUserDisabled(t.db, adminCtx, { id: user.id, disabled: true });
    await expect(jwt({ token })).rejects.toThrow("user disabled or session revoked");
  });

  it("ends when the user's role changes", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    await updateUser(t.db, adminCtx, { id: user.id, role: "FINANCE" });
    await expect(jwt({ token })).rejects.toThrow("user disabled or session revoked");
  });

  it("ends after the absolute lifetime, however active the user is", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    const tooOld = { ...token, authTime: Date.now() - (env.SESSION_MAX_HOURS * 3_600_000 + 60_000) };
    await expect(jwt({ token: tooOld })).rejects.toThrow("absolute session lifetime reached");
    await expect(jwt({ token: { ...token, authTime: undefined } })).rejects.toThrow("absolute session lifetime reached");
  });

  it("exposes only id, name, email, role and advertiser to the browser session", async () => {
    const user = await newUser();
    const token = await signedInToken(user.email);
    const session = await authOptions.callbacks!.session!({ session: { expires: "x", user: {} }, token } as never);
    expect(session.user).toEqual({ id: user.id, name: user.name, email: user.email, role: "OPS", advertiserId: null });
  });
});
