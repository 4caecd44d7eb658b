// Liveness of what Tally depends on: the database answers, and every migration on disk is applied.
import { migrationStatus } from "../../db/migrate";

export interface HealthReport {
  status: "ok" | "unhealthy";
  database: { reachable: boolean; latencyMs: number | null; error?: string };
  migrations: { current: boolean; pending: string[]; modified: string[] } | null;
  time: string;
}

export async function checkHealth(databaseUrl: string | undefined, migrationsDir?: string): Promise<HealthReport> {
  const time = new Date().toISOString();
  if (!databaseUrl) {
    return { status: "unhealthy", database: { reachable: false, latencyMs: null, error: "DATABASE_URL is not set" }, migrations: null, time };
  }
  const started = Date.now();
  try {
    const status = await migrationStatus(databaseUrl, migrationsDir);
    const current = status.pending.length === 0 && status.modified.length === 0;
    return {
      status: current ? "ok" : "unhealthy",
      database: { reachable: true, latencyMs: Date.now() - started },
      migrations: { current, pending: status.pending, modified: status.modified },
      time,
    };
  } catch (err) {
    // The reason is kept short and free of credentials: connection errors can echo the URL.
    const code = (err as { code?: string }).code ?? "UNREACHABLE";
    return { status: "unhealthy", database: { reachable: false, latencyMs: null, error: code }, migrations: null, time };
  }
}
