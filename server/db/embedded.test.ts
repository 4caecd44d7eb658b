// The embedded database is one Postgres session behind a socket server: these check that concurrent clients
// still get their own answers (extended-protocol batches and transactions are never interleaved).
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { parse, serialize } from "pg-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEmbeddedDatabase, type EmbeddedDatabase } from "./embedded";

let embedded: EmbeddedDatabase;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "tally-embedded-"));
  embedded = await openEmbeddedDatabase(dir);
});
afterAll(async () => {
  await embedded.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw protocol client, to send a batch in pieces exactly when a test wants. */
async function rawClient(url: string) {
  const port = Number(new URL(url).port);
  const socket = net.connect(port, "127.0.0.1");
  const messages: { name: string; fields?: unknown[]; message?: string }[] = [];
  const waiters: (() => void)[] = [];
  void parse(socket, (msg) => {
    messages.push(msg as never);
    waiters.splice(0).forEach((w) => w());
  });
  const until = async (name: string, after = 0) => {
    while (!messages.slice(after).some((m) => m.name === name)) await new Promise<void>((r) => waiters.push(r));
  };
  await new Promise((r) => socket.once("connect", r));
  socket.write(serialize.startup({ user: "postgres", database: "postgres" }));
  await until("readyForQuery");
  return { socket, messages, until, send: (buf: Buffer) => socket.write(buf) };
}

describe("embedded database under concurrent clients", () => {
  it("keeps one connection's Parse … Sync together even when another connection queries in between", async () => {
    const a = await rawClient(embedded.url);
    const b = await rawClient(embedded.url);
    const mark = a.messages.length;
    a.send(serialize.parse({ text: "SELECT $1::int + $2::int + $3::int AS total" }));
    await new Promise((r) => setTimeout(r, 50));
    // B's whole query arrives while A is between its Parse and its Bind (B waits: A's batch is not finished).
    const bMark = b.messages.length;
    b.send(Buffer.concat([serialize.parse({ text: "SELECT $1::int AS single" }), serialize.bind({ values: ["7"] }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]));
    await new Promise((r) => setTimeout(r, 50));
    a.send(Buffer.concat([serialize.bind({ values: ["1", "2", "3"] }), serialize.describe({ type: "P" }), serialize.execute({}), serialize.sync()]));
    await a.until("readyForQuery", mark);
    const aMessages = a.messages.slice(mark);
    expect(aMessages.find((m) => m.name === "error")).toBeUndefined();
    expect(aMessages.find((m) => m.name === "dataRow")?.fields).toEqual(["6"]);
    await b.until("readyForQuery", bMark);
    const bMessages = b.messages.slice(bMark);
    expect(bMessages.find((m) => m.name === "error")).toBeUndefined();
    expect(bMessages.find((m) => m.name === "dataRow")?.fields).toEqual(["7"]);
    a.socket.destroy();
    b.socket.destroy();
  });

  it("answers many parallel parameterised queries correctly, and serialises concurrent transactions", async () => {
    const pool = new pg.Pool({ connectionString: embedded.url, max: 10 });
    const sums = await Promise.all(Array.from({ length: 200 }, (_, i) => pool.query(i % 2 ? "SELECT $1::int + $2::int AS s" : "SELECT $1::int + $2::int + $3::int AS s", i % 2 ? [i, 1] : [i, 1, 1])));
    expect(sums.map((r) => r.rows[0].s)).toEqual(Array.from({ length: 200 }, (_, i) => i + (i % 2 ? 1 : 2)));

    await pool.query("CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, n int NOT NULL); INSERT INTO counter VALUES (1, 0) ON CONFLICT DO NOTHING");
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query("SELECT n FROM counter WHERE id = 1 FOR UPDATE");
          await client.query("UPDATE counter SET n = $1 WHERE id = 1", [rows[0].n + 1]);
          await client.query("COMMIT");
        } finally {
          client.release();
        }
      }),
    );
    expect((await pool.query("SELECT n FROM counter WHERE id = 1")).rows[0].n).toBe(20);
    await pool.end();
  });

  it("rolls back the transaction of a client that disconnects in the middle of it", async () => {
    const quitter = new pg.Client({ connectionString: embedded.url });
    quitter.on("error", () => {}); // its own connection ends abruptly: that is the point
    await quitter.connect();
    await quitter.query("CREATE TABLE IF NOT EXISTS scratch (v text)");
    await quitter.query("BEGIN");
    await quitter.query("INSERT INTO scratch VALUES ('uncommitted')");
    (quitter as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
    const next = new pg.Client({ connectionString: embedded.url });
    await next.connect();
    expect((await next.query("SELECT count(*)::int AS n FROM scratch")).rows[0].n).toBe(0);
    await next.end();
  });
});
