// A real `tally worker` child process with its output kept: for the tests and benchmarks that kill, restart and
// measure worker processes as they are deployed (billing-run-kill.test.ts, bench/billing.ts).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last of what it printed (stdout and stderr together). */
  output(): string;
}

export function spawnWorker(databaseUrl: string, options: { env?: Record<string, string>; nodeArgs?: string[]; keepChars?: number } = {}): WorkerProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(ROOT, "bin/tally.js"), "worker"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keepChars = options.keepChars ?? 20_000;
  let log = "";
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-keepChars);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid!, exited, output: () => log };
}

/** Until the worker says it is running; throws with its output if it exits or takes longer than `timeoutMs`. */
export async function untilWorkerReady(worker: WorkerProcess, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!worker.output().includes("Workers running")) {
    if (worker.child.exitCode !== null || Date.now() > deadline) throw new Error(`The worker did not start:\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
