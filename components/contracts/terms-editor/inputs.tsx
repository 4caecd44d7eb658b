"use client";
// Controlled inputs for the terms editor. Decimals stay strings exactly as typed (the server validates and
// normalises them); optional values map an empty input to null; whole numbers use the browser's number input.
import { useState, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { cn, Field, focusRing, Input, type FieldControlProps } from "../../ui";
import type { ErrorScope } from "../form-errors";

type InputRest = Omit<ComponentProps<"input">, "value" | "onChange" | "type">;

export interface ScopedFieldProps {
  scope: ErrorScope;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  addon?: ReactNode;
  /** Also show messages about items inside the value (a list input's entries). */
  includeInside?: boolean;
  children: ReactElement<FieldControlProps>;
}

/** A Field whose input id and messages come from the error scope of the value it edits. */
export function ScopedField({ scope, label, hint, className, addon, includeInside, children }: ScopedFieldProps) {
  return (
    <Field id={scope.id} label={label} hint={hint} error={includeInside ? scope.messagesInside : scope.messages} className={className} addon={addon}>
      {children}
    </Field>
  );
}

export function TextInput({ value, onChange, ...rest }: InputRest & { value: string; onChange: (value: string) => void }) {
  return <Input autoComplete="off" value={value} onChange={(e) => onChange(e.target.value)} {...rest} />;
}

export function DecimalInput({ value, onChange, className, ...rest }: InputRest & { value: string; onChange: (value: string) => void }) {
  return <Input inputMode="decimal" autoComplete="off" spellCheck={false} value={value} onChange={(e) => onChange(e.target.value.trim())} className={cn("tabular-nums", className)} {...rest} />;
}

export function OptionalDecimalInput({ value, onChange, ...rest }: InputRest & { value: string | null; onChange: (value: string | null) => void }) {
  return <DecimalInput value={value ?? ""} onChange={(v) => onChange(v === "" ? null : v)} {...rest} />;
}

/** Whole numbers (days, hours, counts): a cleared required input holds NaN, which the `required` attribute stops at submit. */
export function IntInput({ value, onChange, ...rest }: InputRest & { value: number; onChange: (value: number) => void }) {
  return <OptionalIntInput value={value} onChange={(v) => onChange(v ?? Number.NaN)} {...rest} />;
}

export function OptionalIntInput({ value, onChange, className, ...rest }: InputRest & { value: number | null; onChange: (value: number | null) => void }) {
  return (
    <Input
      type="number"
      inputMode="numeric"
      step={1}
      value={value === null || Number.isNaN(value) ? "" : value}
      onChange={(e) => onChange(e.target.value === "" ? null : e.target.valueAsNumber)}
      className={cn("tabular-nums", className)}
      {...rest}
    />
  );
}

export function DateInput({ value, onChange, ...rest }: InputRest & { value: string | null; onChange: (value: string | null) => void }) {
  return <Input type="date" value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} {...rest} />;
}

const parseList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A list typed as "a, b, c". Keeps the text as typed (a trailing comma survives) while reporting the parsed list. */
export function ListInput({ value, onChange, ...rest }: InputRest & { value: string[]; onChange: (value: string[]) => void }) {
  const [text, setText] = useState(value.join(", "));
  // Replaced from outside (e.g. a reload): show the new list.
  if (parseList(text).join("\u0000") !== value.join("\u0000")) setText(value.join(", "));
  return (
    <Input
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseList(e.target.value));
      }}
      {...rest}
    />
  );
}

export function Checkbox({ checked, onChange, label, hint, id }: { checked: boolean; onChange: (checked: boolean) => void; label: ReactNode; hint?: ReactNode; id?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm text-slate-800">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className={cn("mt-0.5 size-4 rounded accent-indigo-600", focusRing)} />
      <span>
        <span className="font-medium">{label}</span>
        {hint && <span className="block text-slate-500">{hint}</span>}
      </span>
    </label>
  );
}

/** The currency code shown after a money input. */
export function CurrencyAddon({ currency }: { currency: string }) {
  return <span className="text-sm text-slate-500">{currency}</span>;
}
