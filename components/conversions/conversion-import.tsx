"use client";
// OPS imports a conversions CSV: checked whole, then imported chunk by chunk, idempotent per file content (see
// ../ingestion/csv-import-runner.ts). This names the columns and says what an imported file added.
import Link from "next/link";
import { api } from "@/app/_trpc/react";
import { MAX_CONVERSION_BATCH_ROWS } from "@/server/domain/conversions/conversion-batch";
import {
  CONVERSION_CSV_EXAMPLE,
  CONVERSION_CSV_OPTIONAL_COLUMNS,
  CONVERSION_CSV_REQUIRED_COLUMNS,
  conversionCsvColumnOf,
  parseConversionCsv,
} from "@/server/domain/conversions/conversion-csv";
import type { IngestConversionsResult } from "@/server/services/conversions/ingest-conversions";
import { CsvImportCard } from "../ingestion/csv-import-card";
import { Alert } from "../ui";

const number = new Intl.NumberFormat("en-US");
const sum = (results: IngestConversionsResult[], field: "accepted" | "eligible" | "ineligible" | "overCap" | "alreadyReceived") => results.reduce((total, r) => total + r[field], 0);

/** The review queue narrowed to one contract's conversions. */
const queueHref = (contractNumber: string) => `/conversions?${new URLSearchParams({ contract: contractNumber })}`;

function ConversionsImported({ results }: { results: IngestConversionsResult[] }) {
  const [accepted, eligible, ineligible, overCap, repeated] = (["accepted", "eligible", "ineligible", "overCap", "alreadyReceived"] as const).map((f) => sum(results, f));
  const contracts = [...new Set(results.flatMap((r) => r.contracts))].sort();
  return (
    <Alert tone="success" title={`Imported ${number.format(accepted)} conversion${accepted === 1 ? "" : "s"}`}>
      <p>
        {number.format(eligible)} eligible, {number.format(ineligible)} not{overCap > 0 && `, ${number.format(overCap)} over a cap of their line`} (each with its reason).{" "}
        {repeated > 0 ? `${number.format(repeated)} had been received before and were not counted again. ` : ""}
        Review them for{" "}
        {contracts.map((c, i) => (
          <span key={c}>
            {i > 0 && ", "}
            <Link className="font-medium underline hover:no-underline" href={queueHref(c)}>
              {c}
            </Link>
          </span>
        ))}
        .
      </p>
    </Alert>
  );
}

export function ConversionImport() {
  const check = api.conversions.check.useMutation();
  const ingest = api.conversions.ingest.useMutation();
  return (
    <CsvImportCard
      title="Import a conversions file"
      description={`CSV with the columns ${CONVERSION_CSV_REQUIRED_COLUMNS.join(", ")}, and optionally ${CONVERSION_CSV_OPTIONAL_COLUMNS.join(", ")}: one conversion per row, columns in any order. A file is imported whole or not at all.`}
      fileLabel="Conversions CSV"
      example={CONVERSION_CSV_EXAMPLE}
      formatNotes={
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          <li>occurred_at is a time with its offset (2026-10-03T14:05:00Z or 2026-10-03T16:05:00+02:00), inside the contract&apos;s term and not in the future.</li>
          <li>line is a CPA line of the contract in force that day; value, if given, needs currency, the contract&apos;s.</li>
          <li>geography is a two-letter country code; new_customer is true, false or empty; partner is a partner key.</li>
          <li>
            exposures lists the clicks and views before the conversion in one cell, separated by semicolons, each kind@time:{" "}
            <code>click@2026-10-03T12:00:00Z;view@2026-10-02T08:00:00Z</code>.
          </li>
          <li>Empty cells are left unset. An external id received before is recognised, not counted twice.</li>
        </ul>
      }
      batchSize={MAX_CONVERSION_BATCH_ROWS}
      parse={parseConversionCsv}
      check={(rows) => check.mutateAsync({ rows })}
      ingest={(batch) => ingest.mutateAsync(batch)}
      fieldLabel={conversionCsvColumnOf}
      renderImported={(results) => <ConversionsImported results={results} />}
    />
  );
}
