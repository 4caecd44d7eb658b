"use client";
// OPS imports a delivery CSV. The file is parsed here, then checked in chunks of the API's batch size; only when
// the whole file is clean is any of it imported, chunk by chunk under a progress bar. Each chunk's idempotency key
// comes from the file's content, so importing the same file again (a double click, a retry) changes nothing.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { api } from "@/app/_trpc/react";
import { MAX_BATCH_ROWS, type RawDeliveryRow } from "@/server/domain/delivery/delivery-batch";
import { DELIVERY_CSV_COLUMNS, DELIVERY_CSV_EXAMPLE, parseDeliveryCsv } from "@/server/domain/delivery/delivery-csv";
import { FocusOnArrival } from "../contracts/error-summary";
import { Alert, Button, Card, CardBody, CardHeader, ProgressBar, Table, TBody, TD, TH, THead, TR } from "../ui";
import { contentKey, deliveryHref } from "./links";

type Problem = { row: number; field: string; message: string; line: number };

type Phase =
  | { kind: "idle" }
  | { kind: "working"; step: "Checking" | "Importing"; done: number; total: number }
  | { kind: "refused"; message: string; problems: (Problem)[]; problemCount: number }
  | { kind: "imported"; rows: number; corrections: number; contracts: string[]; replayed: boolean };

const chunksOf = <T,>(items: T[], size: number) => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const number = new Intl.NumberFormat("en-US");

export function DeliveryImport() {
  const router = useRouter();
  const inputId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const check = api.delivery.check.useMutation();
  const ingest = api.delivery.ingest.useMutation();

  async function run() {
    if (!file) return;
    const text = await file.text();
    const parsed = parseDeliveryCsv(text);
    if (!parsed.ok) return setPhase({ kind: "refused", message: parsed.message, problems: [], problemCount: 0 });
    const chunks = chunksOf(parsed.rows, MAX_BATCH_ROWS);
    const lineOf = (chunk: number, row: number) => parsed.lineNumbers[chunk * MAX_BATCH_ROWS + row - 1];
    try {
      const problems: (Problem)[] = [];
      let problemCount = 0;
      for (const [i, rows] of chunks.entries()) {
        setPhase({ kind: "working", step: "Checking", done: i, total: chunks.length });
        const result = await check.mutateAsync({ rows: rows as RawDeliveryRow[] });
        problems.push(...result.problems.map((p) => ({ ...p, line: lineOf(i, p.row) })));
        problemCount += result.problemCount;
      }
      if (problemCount > 0) {
        return setPhase({ kind: "refused", message: `${number.format(problemCount)} problem${problemCount === 1 ? "" : "s"} in ${number.format(parsed.rows.length)} rows. Nothing was imported: fix the file and import it again.`, problems, problemCount });
      }
      const key = await contentKey(text);
      const total = { rows: 0, corrections: 0, contracts: new Set<string>(), replayed: true };
      for (const [i, rows] of chunks.entries()) {
        setPhase({ kind: "working", step: "Importing", done: i, total: chunks.length });
        const result = await ingest.mutateAsync({ idempotencyKey: `csv-${key}-${i + 1}of${chunks.length}`, rows: rows as RawDeliveryRow[] });
        total.rows += result.rows;
        total.corrections += result.corrections;
        result.contracts.forEach((c) => total.contracts.add(c));
        total.replayed &&= result.replayed;
      }
      setPhase({ kind: "imported", rows: total.rows, corrections: total.corrections, contracts: [...total.contracts].sort(), replayed: total.replayed });
      setFile(null);
      if (fileRef.current) fileRef.current.value = "";
      router.refresh();
    } catch (err) {
      const details = (err as { data?: { details?: { problems?: Omit<Problem, "line">[]; problemCount?: number } } }).data?.details;
      setPhase({
        kind: "refused",
        message: err instanceof Error ? err.message : "The import failed",
        problems: (details?.problems ?? []).map((p) => ({ ...p, line: p.row + 1 })),
        problemCount: details?.problemCount ?? 0,
      });
    }
  }

  const working = phase.kind === "working";
  return (
    <Card>
      <CardHeader title="Import a delivery file" description={`CSV with the columns ${DELIVERY_CSV_COLUMNS.join(", ")}: one row per contract line, day and source. A file is imported whole or not at all.`} />
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
              Delivery CSV
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
          <pre className="mt-2 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs">{DELIVERY_CSV_EXAMPLE}</pre>
          <p className="mt-1">
            Dates are days (YYYY-MM-DD) inside the contract&apos;s term, up to today; source is first_party (ad server) or third_party (verified). A later
            count for the same line, day and source replaces the earlier one for billing; both are kept.
          </p>
        </details>
        {working && (
          <ProgressBar
            label={`${phase.step} ${phase.total > 1 ? `batch ${phase.done + 1} of ${phase.total}` : "the file"}`}
            value={phase.done}
            max={phase.total}
            valueText={`${phase.done} of ${phase.total} batches of up to ${number.format(MAX_BATCH_ROWS)} rows`}
          />
        )}
        {phase.kind === "refused" && (
          <FocusOnArrival trigger={phase}>
            <Alert tone="error" title="Nothing was imported">
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
                      <TD>{p.field}</TD>
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
            <Alert tone="success" title={phase.replayed ? "This file was already imported" : `Imported ${number.format(phase.rows)} rows`}>
              {phase.replayed ? (
                <p>Nothing changed: every batch of it had been imported before.</p>
              ) : (
                <p>
                  {phase.corrections > 0 ? `${number.format(phase.corrections)} of them correct earlier counts. ` : ""}
                  Delivery for{" "}
                  {phase.contracts.map((c, i) => (
                    <span key={c}>
                      {i > 0 && ", "}
                      <Link className="font-medium underline hover:no-underline" href={deliveryHref(c)}>
                        {c}
                      </Link>
                    </span>
                  ))}
                  .
                </p>
              )}
            </Alert>
          </FocusOnArrival>
        )}
      </CardBody>
    </Card>
  );
}
