"use client";
import { Select } from "../../ui";
import { FREQUENCY_LABELS } from "../format";
import type { RecurringFee } from "./defaults";
import { fieldSetter, type EditorProps } from "./editor-props";
import { CurrencyAddon, DateInput, DecimalInput, ScopedField } from "./inputs";
import { NameAndKeyFields } from "./name-and-key-fields";

export function RecurringFeeEditor({ value, onChange, scope, currency }: EditorProps<RecurringFee> & { currency: string }) {
  const set = fieldSetter(value, onChange);
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <NameAndKeyFields name={value.name} keyValue={value.key} onChange={(n) => onChange({ ...value, ...n })} nameScope={scope.at("name")} keyScope={scope.at("key")} />
      <ScopedField scope={scope.at("amount")} label="Amount" addon={<CurrencyAddon currency={currency} />}>
        <DecimalInput required value={value.amount} onChange={(v) => set("amount", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("frequency")} label="Frequency" hint={value.frequency === "MONTHLY" ? "Prorated by day in partial months." : "Billed in the month it starts."}>
        <Select value={value.frequency} onChange={(e) => set("frequency", e.target.value as RecurringFee["frequency"])}>
          {Object.entries(FREQUENCY_LABELS).map(([v, label]) => (
            <option key={v} value={v}>
              {label}
            </option>
          ))}
        </Select>
      </ScopedField>
      <ScopedField scope={scope.at("startDate")} label="Starts" hint="Empty: from the start of the term.">
        <DateInput value={value.startDate} onChange={(v) => set("startDate", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("endDate")} label="Ends" hint="Empty: until the end of the term.">
        <DateInput value={value.endDate} onChange={(v) => set("endDate", v)} />
      </ScopedField>
    </div>
  );
}
