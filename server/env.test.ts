import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEnv as readEnvTyped } from "./env";

// Next's types declare NODE_ENV as always present; these tests are precisely about variables that are not.
const readEnv = (vars: Record<string, string>) => readEnvTyped(vars as NodeJS.ProcessEnv);

describe("readEnv", () => {
  it("fills in defaults for everything optional", () => {
    expect(readEnv({})).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: undefined,
      TALLY_DATA_DIR: path.join(process.cwd(), ".tally"),
      TALLY_DEMO: false,
      TALLY_WORKERS: true,
      PORT: 3000,
      NEXTAUTH_SECRET: undefined,
      NEXTAUTH_URL: undefined,
      SESSION_IDLE_MINUTES: 30,
      SESSION_MAX_HOURS: 12,
      SIGNIN_MAX_FAILURES: 5,
      SIGNIN_WINDOW_MINUTES: 15,
      TALLY_DUAL_APPROVAL_THRESHOLD: 100_000,
      LOG_LEVEL: "info",
    });
  });

  it("reads numbers and flags from their string form", () => {
    const env = readEnv({ PORT: "8080", SIGNIN_MAX_FAILURES: "3", TALLY_DEMO: "yes" });
    expect(env).toMatchObject({ PORT: 8080, SIGNIN_MAX_FAILURES: 3, TALLY_DEMO: true });
    expect(readEnv({ TALLY_DEMO: "0" }).TALLY_DEMO).toBe(false);
  });

  it("treats an empty variable as unset", () => {
    const env = readEnv({ DATABASE_URL: "", PORT: "", TALLY_DEMO: "" });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env).toMatchObject({ PORT: 3000, TALLY_DEMO: false });
  });

  it("refuses bad values, naming each offending variable", () => {
    expect(() => readEnv({ DATABASE_URL: "not a url", PORT: "99999", NEXTAUTH_SECRET: "short" })).toThrow(
      /Invalid configuration:\n {2}DATABASE_URL: .*\n {2}PORT: .*\n {2}NEXTAUTH_SECRET: /,
    );
  });
});
