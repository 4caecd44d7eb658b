"use client";
// The import card of a CSV ingestion page (delivery, conversions): pick a file, import it whole or not at all under
// a progress bar, then a report of every problem by file line, or what was imported. What the file holds and how
// the API is called are the page's; the flow is csv-import-runner's.
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type ReactNode } from "react";
import { FocusOnArrival } from "../contracts/error-summary";
import { Alert, Button, Card, CardBody, CardHeader, ProgressBar, Table, TBody, TD, TH, THead, TR } from "../ui";
import { runCsvImport, type ImportProblem, type ImportProgress } from "./csv-import-runner";

type Phase<Result> =
  | { kind: "idle" }
  | ({ kind: "working" } & ImportProgress)
  | { kind: "refused"; title: string; message: string; problems: ImportProblem[]; problemCount: number }
  | { kind: "imported"; results: Result[] };

export type CsvParseResult<Row> = { ok: true; rows: Row[]; lineNumbers: number[] } | { ok: false; message: string };

export interface CsvImportCardProps<Row, Result extends { replayed: boolean }> {
  title: string;
  description: string;
  /** The file input's label. */
  fileLabel: string;
  /** A small valid file, shown under "File format". */
  example: string;
  formatNotes: ReactNode;
  batchSize: number;
  parse: (text: string) => CsvParseResult<Row>;
  check: (rows: Row[]) => Promise<{ problems: { row: number; field: string; message: string }[]; problemCount: number }>;
  ingest: (batch: { idempotencyKey: string; rows: Row[] }) => Promise<Result>;
  /** A problem's field as the file names it; as the API names it by default. */
  fieldLabel?: (field: string) => string;
  /** The success message for a file at least part of which was new (replays of a whole file are said here). */
  renderImported: (results: Result[]) => ReactNode;
}

const number = new Intl.NumberFormat("en-US");

export function CsvImportCard<Row, Result extends { replayed: boolean }>(props: CsvImportCardProps<Row, Result>) {
  const { fieldLabel = (field: string) => field } = props;
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase<Result>>({ kind: "idle" });

  async function run() {
    if (!file) return;
    const text = await file.text();
    const parsed = props.parse(text);
    if (!parsed.ok) return setPhase({ kind: "refused", title: "Nothing was imported", message: parsed.message, problems: [], problemCount: 0 });
    const outcome = await runCsvImport({ text, ...parsed, batchSize: props.batchSize, check: props.check, ingest: props.ingest, onProgress: (p) => setPhase({ kind: "working", ...p }) });
    if (!outcome.ok) {
      // Chunks imported before a refusal stay imported; importing the file again replays them and carries on.
      const title = outcome.imported === 0 ? "Nothing was imported" : `Only batches 1 to ${outcome.imported} of ${outcome.chunks} were imported`;
      return setPhase({ kind: "refused", title, message: outcome.message, problems: outcome.problems, problemCount: outcome.problemCount });
    }
    setPhase({ kind: "imported", results: outcome.results });
    setFile(null);
    if (fileRef.current) fileRef.current.value = "";
    router.refresh();
  }

  const working = phase.kind === "working";
  return (
    <Card>
      <CardHeader title={props.title} description={props.description} />
      <CardBody className="space-y-4">
        <form
          className="flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <div className="space-y-1.5">
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              {props.fileLabel}
            </label>
            <input
              id={inputId}
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              disabled={working}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                setPhase({ kind: "idle" });
              }}
              className="block text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
            />
          </div>
          <Button type="submit" disabled={!file || working}>
            {working ? `${phase.step}…` : "Import"}
          </Button>
        </form>
        <details className="text-sm text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">File format</summary>
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{props.example}</pre>
          {props.formatNotes}
        </details>
        {working && (
          <ProgressBar
            label={`${phase.step} ${phase.total > 1 ? `batch ${phase.done + 1} of ${phase.total}` : "the file"}`}
            value={phase.done}
            max={phase.total}
            valueText={`${phase.done} of ${phase.total} batches of up to ${number.format(props.batchSize)} rows`}
          />
        )}
        {phase.kind === "refused" && (
          <FocusOnArrival trigger={phase}>
            <Alert tone="error" title={phase.title}>
              <p>{phase.message}</p>
            </Alert>
            {phase.problems.length > 0 && (
              <Table className="mt-3">
                <THead>
                  <TR>
                    <TH numeric>Line</TH>
                    <TH>Field</TH>
                    <TH>Problem</TH>
                  </TR>
                </THead>
                <TBody>
                  {phase.problems.map((p, i) => (
                    <TR key={i}>
                      <TD numeric>{p.line}</TD>
                      <TD>{fieldLabel(p.field)}</TD>
                      <TD>{p.message}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            )}
            {phase.problemCount > phase.problems.length && <p className="mt-2 text-sm text-slate-600">Showing the first {phase.problems.length} of {number.format(phase.problemCount)} problems.</p>}
          </FocusOnArrival>
        )}
        {phase.kind === "imported" && (
          <FocusOnArrival trigger={phase}>
            {phase.results.every((r) => r.replayed) ? (
              <Alert tone="success" title="This file was already imported">
                <p>Nothing changed: every batch of it had been imported before.</p>
              </Alert>
            ) : (
              props.renderImported(phase.results)
            )}
          </FocusOnArrival>
        )}
      </CardBody>
    </Card>
  );
}
