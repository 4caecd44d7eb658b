"use client";
// What every rate card version is made of, for the first one and each one published after it: a date it takes
// effect, its entries, and a note saying why.
import type { RateCardEntry } from "@/server/domain/pricing/rate-card";
import { Card, CardBody, CardHeader, Textarea } from "../ui";
import { fieldSetter, type EditorProps } from "../contracts/terms-editor/editor-props";
import { DateInput, ScopedField } from "../contracts/terms-editor/inputs";
import { EntriesEditor } from "./entries-editor";

export interface VersionDraft {
  effectiveFrom: string;
  entries: RateCardEntry[];
  note: string;
}

/** The request fields of a draft: an empty note is no note. */
export const versionRequest = ({ effectiveFrom, entries, note }: VersionDraft) => ({ effectiveFrom, entries, note: note.trim() || undefined });

export interface VersionFieldsProps extends EditorProps<VersionDraft> {
  /** The earliest effective date offered, when the server refuses earlier ones. */
  earliest?: string;
  dateHint: string;
}

export function VersionFields({ value, onChange, scope, earliest, dateHint }: VersionFieldsProps) {
  const set = fieldSetter(value, onChange);
  return (
    <>
      <Card>
        <CardHeader title="Version" description="A version never changes once published; a new price is a new version from a date." />
        <CardBody className="grid gap-4 sm:grid-cols-[14rem_minmax(0,1fr)]">
          <ScopedField scope={scope.at("effectiveFrom")} label="Effective from" hint={dateHint}>
            <DateInput required min={earliest} value={value.effectiveFrom} onChange={(date) => set("effectiveFrom", date ?? "")} />
          </ScopedField>
          <ScopedField scope={scope.at("note")} label="Note" hint="Optional: why this version, shown in the card's history.">
            <Textarea maxLength={500} rows={2} value={value.note} onChange={(e) => set("note", e.target.value)} />
          </ScopedField>
        </CardBody>
      </Card>
      <EntriesEditor value={value.entries} onChange={(entries) => set("entries", entries)} scope={scope.at("entries")} />
    </>
  );
}
