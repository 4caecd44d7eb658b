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

// Protocol message types (first byte) that end an exchange: Sync closes an extended-protocol batch
// (Parse/Bind/Describe/Execute…), Query is a complete simple query.
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;
const TERMINATE = 0x58;
/** A startup message has no type byte: its first byte is the high byte of its length, 0. */
const STARTUP = 0x00;
const ENDS_EXCHANGE = new Set([SYNC, SIMPLE_QUERY, TERMINATE, STARTUP]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(err: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  /** Read by the library's own rollback of a transaction left open by a disconnecting client. */
  lastHandlerId: number | null;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/**
 * PGlite is one Postgres session shared by every socket connection; pglite-socket 0.2.17 keeps one connection's
 * messages together only inside an explicit transaction. Outside one, an extended-protocol query (Parse, Bind,
 * Execute, Sync, each queued separately) can interleave with another connection's, so one connection's Bind meets
 * another's unnamed statement ("bind message supplies 2 parameters, but prepared statement requires 3").
 * This keeps a connection's messages together until its Sync (or the end of its transaction).
 */
function keepExtendedQueriesTogether(server: PGLiteSocketServer, db: PGlite) {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let owner: number | null = null;
  queue.processQueue = async function processQueue() {
    if (queue.processing) return;
    queue.processing = true;
    try {
      while (queue.queue.length > 0) {
        const index = owner === null ? 0 : queue.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet; resume on its enqueue
        const [item] = queue.queue.splice(index, 1);
        let bytes = 0;
        try {
          await db.runExclusive(() => db.execProtocolRawStream(item.message, { onRawData: (data) => ((bytes += data.length), item.onData(data)) }));
        } catch (err) {
          owner = null;
          item.reject(err);
          continue;
        }
        queue.lastHandlerId = item.handlerId;
        owner = db.isInTransaction() || !ENDS_EXCHANGE.has(item.message[0]) ? item.handlerId : null;
        item.resolve(bytes);
      }
    } finally {
      queue.processing = false;
    }
  };
  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (owner !== handlerId) return;
    owner = null;
    // Inside a transaction the library rolls it back next and then resumes the queue itself.
    if (!db.isInTransaction()) void queue.processQueue();
  };
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
  keepExtendedQueriesTogether(server, db);
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
