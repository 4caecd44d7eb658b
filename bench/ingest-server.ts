// The REST route of `POST /api/v1/delivery` served by a bare node:http server, for `npm run bench:ingest`: the
// bench forks this file (`node --import tsx`) so the server's memory is measured apart from the load generator's.
// It calls the same fetch-style handler Next.js would (app/api/v1/[...path]/route.ts), without Next's own overhead.
// DATABASE_URL names the bench database; the port (random) is sent to the parent over IPC once listening.
import http from "node:http";
import { createRequire, register } from "node:module";

// Outside Next's bundler, Node's ESM loader hands `import X from "next-auth/providers/credentials"` (a CommonJS
// module compiled with __esModule) the whole exports object, not its default: map that one import to its default.
const credentials = createRequire(import.meta.url).resolve("next-auth/providers/credentials");
const shim = `import { createRequire } from "node:module"; const m = createRequire(${JSON.stringify(credentials)})(${JSON.stringify(credentials)}); export default m.default ?? m;`;
register(
  `data:text/javascript,${encodeURIComponent(`export async function resolve(s, c, next) { return s === "next-auth/providers/credentials" ? { url: ${JSON.stringify(`data:text/javascript,${encodeURIComponent(shim)}`)}, shortCircuit: true } : next(s, c); }`)}`,
);
const { POST } = await import("../app/api/v1/[...path]/route");

const server = http.createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) });
    const response = await POST(request);
    const body = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(body);
  } catch (err) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(String((err as Error)?.stack ?? err));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.send?.({ port: typeof address === "object" && address ? address.port : 0 });
});
process.on("disconnect", () => process.exit(0));
