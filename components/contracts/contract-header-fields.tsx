"use client";
import { addDays, addMonths } from "@/server/domain/contracts/dates";
import { CURRENCY_MINOR_UNITS } from "@/server/domain/money";
import type { ContractHeader } from "@/server/services/contracts/create-contract";
import { Select } from "../ui";
import type { ErrorScope } from "./form-errors";
import { fieldSetter } from "./terms-editor/editor-props";
import { Checkbox, DateInput, IntInput, ScopedField, TextInput } from "./terms-editor/inputs";

/** The contract header as the create and edit procedures take it. */
export type ContractHeaderDraft = ContractHeader;

const CURRENCIES = Object.keys(CURRENCY_MINOR_UNITS).sort();

/** A year starting on the first of next month: the usual shape of a new agreement. */
export function newContractHeader(today: string): ContractHeaderDraft {
  const termStart = addMonths(`${today.slice(0, 7)}-01`, 1);
  return { title: "", currency: "USD", termStart, termEnd: addDays(addMonths(termStart, 12), -1), paymentTermsDays: 30, autoRenew: false, renewalMonths: 12, noticeDays: 30, roundingMode: "HALF_UP" };
}

export interface ContractHeaderFieldsProps {
  value: ContractHeaderDraft;
  onChange: (next: ContractHeaderDraft) => void;
  /** The header's path ("header"). */
  scope: ErrorScope;
}

export function ContractHeaderFields({ value, onChange, scope }: ContractHeaderFieldsProps) {
  const set = fieldSetter(value, onChange);
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <ScopedField scope={scope.at("title")} label="Title" className="sm:col-span-2">
          <TextInput required minLength={2} maxLength={120} value={value.title} onChange={(v) => set("title", v)} placeholder="e.g. 2027 CTV performance agreement" />
        </ScopedField>
        <ScopedField scope={scope.at("currency")} label="Currency">
          <Select required value={value.currency} onChange={(e) => set("currency", e.target.value)}>
            {CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </ScopedField>
        <ScopedField scope={scope.at("paymentTermsDays")} label="Payment terms (net days)">
          <IntInput required min={0} max={180} value={value.paymentTermsDays} onChange={(v) => set("paymentTermsDays", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("termStart")} label="Term starts">
          <DateInput required value={value.termStart} onChange={(v) => set("termStart", v ?? "")} />
        </ScopedField>
        <ScopedField scope={scope.at("termEnd")} label="Term ends" hint="Inclusive.">
          <DateInput required min={value.termStart || undefined} value={value.termEnd} onChange={(v) => set("termEnd", v ?? "")} />
        </ScopedField>
        <ScopedField scope={scope.at("renewalMonths")} label="Renewal length (months)">
          <IntInput required min={1} max={60} value={value.renewalMonths} onChange={(v) => set("renewalMonths", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("noticeDays")} label="Notice period (days)" hint="Before the term ends.">
          <IntInput required min={0} max={365} value={value.noticeDays} onChange={(v) => set("noticeDays", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("roundingMode")} label="Line rounding" hint="Each invoice line rounds once to the currency's minor unit.">
          <Select required value={value.roundingMode} onChange={(e) => set("roundingMode", e.target.value as ContractHeaderDraft["roundingMode"])}>
            <option value="HALF_UP">Half up</option>
            <option value="HALF_EVEN">Half even (banker's)</option>
          </Select>
        </ScopedField>
      </div>
      <Checkbox
        id={scope.at("autoRenew").id}
        label="Renews automatically"
        hint="A renewal version is opened for approval when the notice period starts; otherwise the contract expires at term end."
        checked={value.autoRenew}
        onChange={(v) => set("autoRenew", v)}
      />
    </div>
  );
}
