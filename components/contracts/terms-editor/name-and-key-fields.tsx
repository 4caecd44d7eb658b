"use client";
import type { ErrorScope } from "../form-errors";
import { keyFromName } from "./defaults";
import { ScopedField, TextInput } from "./inputs";

export interface NameAndKeyFieldsProps {
  name: string;
  keyValue: string;
  onChange: (next: { name: string; key: string }) => void;
  nameScope: ErrorScope;
  keyScope: ErrorScope;
  nameLabel?: string;
}

/**
 * A row's name and its stable key. Until someone edits the key by hand it follows the name, so most rows never
 * need their key typed; once set it stays, because delivery and billing refer to the line by key.
 */
export function NameAndKeyFields({ name, keyValue, onChange, nameScope, keyScope, nameLabel = "Name" }: NameAndKeyFieldsProps) {
  const keyFollowsName = keyValue === "" || keyValue === keyFromName(name);
  return (
    <>
      <ScopedField scope={nameScope} label={nameLabel}>
        <TextInput required maxLength={80} value={name} onChange={(next) => onChange({ name: next, key: keyFollowsName ? keyFromName(next) : keyValue })} />
      </ScopedField>
      <ScopedField scope={keyScope} label="Key" hint="Lower-case letters, digits and dashes; billing refers to it.">
        <TextInput required maxLength={40} spellCheck={false} value={keyValue} onChange={(next) => onChange({ name, key: next })} className="font-mono" />
      </ScopedField>
    </>
  );
}
