"use client";
// Any two versions side by side: the entry-by-entry diff, computed here with the same functions the server uses
// for each version's "what changed".
import { useState } from "react";
import { describeChange } from "@/server/domain/contracts/terms-diff";
import { diffRateCardEntries, type RateCardVersionOf } from "@/server/domain/pricing/rate-card";
import { Card, CardBody, CardHeader, Field, Select } from "../ui";
import { versionLabel } from "../contracts/format";
import { TermsChanges } from "../contracts/terms-changes";
import { versionFrom } from "./format";

function VersionSelect({ label, versions, value, onChange }: { label: string; versions: RateCardVersionOf[]; value: number; onChange: (number: number) => void }) {
  return (
    <Field label={label} className="w-56">
      <Select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.number} value={v.number}>
            {versionFrom(v)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** Offered when a card has two versions or more; starts on the latest one against the one before it. */
export function CompareVersions({ versions }: { versions: RateCardVersionOf[] }) {
  const [from, setFrom] = useState(versions.at(-2)?.number ?? 1);
  const [to, setTo] = useState(versions.at(-1)?.number ?? 1);
  const before = versions.find((v) => v.number === from);
  const after = versions.find((v) => v.number === to);
  const changes = before && after ? diffRateCardEntries(before.entries, after.entries).map((c) => ({ ...c, sentence: describeChange(c) })) : [];
  return (
    <Card>
      <CardHeader title="Compare versions" description="Pick any two versions to see how their entries differ." />
      <CardBody className="space-y-4">
        <div className="flex flex-wrap items-end gap-4" role="group" aria-label="Versions to compare">
          <VersionSelect label="From" versions={versions} value={from} onChange={setFrom} />
          <VersionSelect label="To" versions={versions} value={to} onChange={setTo} />
        </div>
        <div aria-live="polite" className="rounded-md border border-slate-200 p-4">
          <h3 className="mb-3 text-sm font-semibold text-slate-900">
            {versionLabel(from)} → {versionLabel(to)}
          </h3>
          {from === to ? (
            <p className="text-sm text-slate-500">The same version: pick two different ones.</p>
          ) : changes.length === 0 ? (
            <p className="text-sm text-slate-500">No differences: both versions hold the same entries and prices.</p>
          ) : (
            <TermsChanges changes={changes} />
          )}
        </div>
      </CardBody>
    </Card>
  );
}
