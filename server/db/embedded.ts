// The embedded database: real Postgres (PGlite, compiled to WebAssembly) in a local data directory, served over
// the Postgres wire protocol on a loopback port so that Prisma, pg-boss and the CLI all use one data path.
// PGlite allows one open handle per data directory, so the process that opens it records its port in
// `embedded.json`; other processes (the CLI while the app runs) connect to that port instead.
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedDatabase {
  url: string;
  /** True when this process opened the data directory (and must close it). */
  owner: boolean;
  close(): Promise<void>;
}

interface ServerRecord {
  pid: number;
  port: number;
}

const recordPath = (dataDir: string) => path.join(dataDir, "embedded.json");
const urlFor = (port: number) => `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readRunningServer(dataDir: string): ServerRecord | null {
  try {
    const record = JSON.parse(fs.readFileSync(recordPath(dataDir), "utf8")) as ServerRecord;
    return isAlive(record.pid) ? record : null;
  } catch {
    return null;
  }
}

/** Connect to the embedded database of `dataDir`, opening it here if no other process serves it. */
export async function openEmbeddedDatabase(dataDir: string, port = 0): Promise<EmbeddedDatabase> {
  const running = readRunningServer(dataDir);
  if (running && running.pid !== process.pid) {
    return { url: urlFor(running.port), owner: false, close: async () => {} };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 200 });
  await server.start();
  const actualPort = Number(server.getServerConn().split(":").pop());
  fs.writeFileSync(recordPath(dataDir), JSON.stringify({ pid: process.pid, port: actualPort } satisfies ServerRecord));
  return {
    url: urlFor(actualPort),
    owner: true,
    async close() {
      await server.stop();
      await db.close();
      fs.rmSync(recordPath(dataDir), { force: true });
    },
  };
}
