// Importing a parsed CSV file through an ingestion API (delivery, conversions), as the import pages do: the rows
// are checked in chunks of the API's batch size (a dry run that writes nothing), and only when the whole file is
// clean is it imported, chunk by chunk. Each chunk's idempotency key comes from the file's content, so importing
// the same file again (a double click, a retry) changes nothing. Problems come back with their row's file line.

type BatchProblem = { row: number; field: string; message: string };
export type ImportProblem = BatchProblem & { /** the row's line in the file (the header is line 1) */ line: number };
export type ImportProgress = { step: "Checking" | "Importing"; done: number; total: number };

export type CsvImportOutcome<Result> =
  | { ok: true; results: Result[] }
  | { ok: false; message: string; problems: ImportProblem[]; problemCount: number; /** chunks imported before the refusal */ imported: number; chunks: number };

export interface CsvImportJob<Row, Result> {
  /** The file's content, from which the idempotency keys derive. */
  text: string;
  rows: Row[];
  lineNumbers: number[];
  batchSize: number;
  check: (rows: Row[]) => Promise<{ problems: BatchProblem[]; problemCount: number }>;
  ingest: (batch: { idempotencyKey: string; rows: Row[] }) => Promise<Result>;
  onProgress: (progress: ImportProgress) => void;
}

const number = new Intl.NumberFormat("en-US");

export const chunksOf = <T>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * A short fingerprint of a file's content for idempotency keys: SHA-256 where the browser offers it (secure
 * contexts), else two independent 32-bit FNV-1a hashes, plenty to tell one person's files apart.
 */
export async function contentKey(text: string): Promise<string> {
  if (globalThis.crypto?.subtle) {
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    return Array.from(new Uint8Array(digest).slice(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  }
  const fnv = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, "0");
  };
  return `${fnv(2166136261)}${fnv(0x811c9dc5 ^ text.length)}${text.length.toString(16)}`;
}

/** The problems of a refused batch, as the API sends them in the error's details. */
function problemsOf(err: unknown): { problems: BatchProblem[]; problemCount: number } {
  const details = (err as { data?: { details?: { problems?: BatchProblem[]; problemCount?: number } } }).data?.details;
  return { problems: details?.problems ?? [], problemCount: details?.problemCount ?? 0 };
}

export async function runCsvImport<Row, Result>(job: CsvImportJob<Row, Result>): Promise<CsvImportOutcome<Result>> {
  const chunks = chunksOf(job.rows, job.batchSize);
  const located = (chunk: number, problems: BatchProblem[]) => problems.map((p) => ({ ...p, line: job.lineNumbers[chunk * job.batchSize + p.row - 1] }));
  const results: Result[] = [];
  let chunk = 0;
  try {
    const problems: ImportProblem[] = [];
    let problemCount = 0;
    for (; chunk < chunks.length; chunk++) {
      job.onProgress({ step: "Checking", done: chunk, total: chunks.length });
      const checked = await job.check(chunks[chunk]);
      problems.push(...located(chunk, checked.problems));
      problemCount += checked.problemCount;
    }
    if (problemCount > 0) {
      const message = `${number.format(problemCount)} problem${problemCount === 1 ? "" : "s"} in ${number.format(job.rows.length)} rows. Nothing was imported: fix the file and import it again.`;
      return { ok: false, message, problems, problemCount, imported: 0, chunks: chunks.length };
    }
    const key = await contentKey(job.text);
    for (chunk = 0; chunk < chunks.length; chunk++) {
      job.onProgress({ step: "Importing", done: chunk, total: chunks.length });
      results.push(await job.ingest({ idempotencyKey: `csv-${key}-${chunk + 1}of${chunks.length}`, rows: chunks[chunk] }));
    }
    return { ok: true, results };
  } catch (err) {
    const refused = problemsOf(err);
    const message = err instanceof Error ? err.message : "The import failed";
    return { ok: false, message, problems: located(chunk, refused.problems), problemCount: refused.problemCount, imported: results.length, chunks: chunks.length };
  }
}
