// `npm start`: one long-lived process that owns the embedded database (when DATABASE_URL is unset), applies
// migrations, seeds the demo world when wanted, then runs the Next.js server as a child process pointed at it.
// With DATABASE_URL set it does the same minus the embedded database, so production starts the same way.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { connectDatabase } from "./db/connect";
import { migrate } from "./db/migrate";
import { readEnv } from "./env";

const dev = process.argv.includes("--dev");
const env = readEnv();

function sessionSecret(embedded: boolean): string {
  if (env.NEXTAUTH_SECRET) return env.NEXTAUTH_SECRET;
  if (!embedded && env.NODE_ENV === "production") {
    throw new Error("NEXTAUTH_SECRET must be set (at least 16 characters) when running on PostgreSQL in production");
  }
  // Embedded / local runs keep a generated secret beside the data so sessions survive restarts.
  const file = path.join(env.TALLY_DATA_DIR, "session-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(env.TALLY_DATA_DIR, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function main() {
  const database = await connectDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TALLY_DATA_DIR });
  const applied = await migrate(database.url);
  if (applied.length) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);

  const demo = env.TALLY_DEMO || (database.embedded && process.env.TALLY_DEMO === undefined);
  const url = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
  const childEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    NEXTAUTH_SECRET: sessionSecret(database.embedded),
    NEXTAUTH_URL: url,
    PORT: String(env.PORT),
  };
  process.env.DATABASE_URL = database.url;
  if (demo) {
    const { getDb } = await import("./db/client");
    const { seedDemoWorld, DEMO_USERS, DEMO_PASSWORD } = await import("./services/demo/seed-demo");
    const result = await seedDemoWorld(getDb());
    await getDb().$disconnect();
    console.log(result.created ? "Seeded the demo world." : "Demo world already present.");
    console.log(`Demo sign-ins (password "${DEMO_PASSWORD}"):\n${DEMO_USERS.map((u) => `  ${u.role.padEnd(10)} ${u.email}`).join("\n")}`);
  }

  const workers = env.TALLY_WORKERS ? await (await import("./jobs/queues")).startWorkers(database.url) : null;
  if (workers) console.log("Background workers started (renewals daily at 05:00 UTC).");

  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const child: ChildProcess = spawn(process.execPath, [nextBin, dev ? "dev" : "start", "-p", String(env.PORT)], {
    env: childEnv,
    stdio: "inherit",
  });
  console.log(`Tally is starting on ${url} (${database.embedded ? `embedded database in ${env.TALLY_DATA_DIR}` : "PostgreSQL"})`);

  // Signals go to Next first; the database closes once Next has exited, so no request loses its connection.
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.on("exit", async (code, signal) => {
    await workers?.stop();
    await database.close();
    process.exit(code ?? (signal ? 0 : 1));
  });
}

main().catch((err) => {
  console.error(`Tally could not start: ${(err as Error).message}`);
  process.exit(1);
});
