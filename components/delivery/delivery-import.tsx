"use client";
// OPS imports a delivery CSV: checked whole, then imported chunk by chunk, idempotent per file content (see
// ../ingestion/csv-import-runner.ts). This names the columns and says what an imported file changed.
import Link from "next/link";
import { api } from "@/app/_trpc/react";
import { MAX_BATCH_ROWS } from "@/server/domain/delivery/delivery-batch";
import { DELIVERY_CSV_COLUMNS, DELIVERY_CSV_EXAMPLE, parseDeliveryCsv } from "@/server/domain/delivery/delivery-csv";
import { CsvImportCard } from "../ingestion/csv-import-card";
import { Alert } from "../ui";
import { deliveryHref } from "./links";

type BatchResult = { rows: number; corrections: number; contracts: string[]; replayed: boolean };

const number = new Intl.NumberFormat("en-US");

function DeliveryImported({ results }: { results: BatchResult[] }) {
  const rows = results.reduce((sum, r) => sum + r.rows, 0);
  const corrections = results.reduce((sum, r) => sum + r.corrections, 0);
  const contracts = [...new Set(results.flatMap((r) => r.contracts))].sort();
  return (
    <Alert tone="success" title={`Imported ${number.format(rows)} rows`}>
      <p>
        {corrections > 0 ? `${number.format(corrections)} of them correct earlier counts. ` : ""}
        Delivery for{" "}
        {contracts.map((c, i) => (
          <span key={c}>
            {i > 0 && ", "}
            <Link className="font-medium underline hover:no-underline" href={deliveryHref(c)}>
              {c}
            </Link>
          </span>
        ))}
        .
      </p>
    </Alert>
  );
}

export function DeliveryImport() {
  const check = api.delivery.check.useMutation();
  const ingest = api.delivery.ingest.useMutation();
  return (
    <CsvImportCard
      title="Import a delivery file"
      description={`CSV with the columns ${DELIVERY_CSV_COLUMNS.join(", ")}: one row per contract line, day and source. A file is imported whole or not at all.`}
      fileLabel="Delivery CSV"
      example={DELIVERY_CSV_EXAMPLE}
      formatNotes={
        <p className="mt-1">
          Dates are days (YYYY-MM-DD) inside the contract&apos;s term, up to today; source is first_party (ad server) or third_party (verified). A later count
          for the same line, day and source replaces the earlier one for billing; both are kept.
        </p>
      }
      batchSize={MAX_BATCH_ROWS}
      parse={parseDeliveryCsv}
      check={(rows) => check.mutateAsync({ rows })}
      ingest={(batch) => ingest.mutateAsync(batch)}
      renderImported={(results) => <DeliveryImported results={results} />}
    />
  );
}
