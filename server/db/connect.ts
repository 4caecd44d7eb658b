// How a process that is not the web server (the launcher, the CLI, tests) finds its database: DATABASE_URL when
// set, otherwise the embedded database of TALLY_DATA_DIR (served by this process or one already running).
import { openEmbeddedDatabase } from "./embedded";

export interface DatabaseTarget {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

export async function connectDatabase(opts: { databaseUrl?: string; dataDir: string; port?: number }): Promise<DatabaseTarget> {
  if (opts.databaseUrl) return { url: opts.databaseUrl, embedded: false, close: async () => {} };
  const db = await openEmbeddedDatabase(opts.dataDir, opts.port);
  return { url: db.url, embedded: true, close: db.close };
}
