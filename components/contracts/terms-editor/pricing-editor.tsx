"use client";
import { useId } from "react";
import type { CpmLine } from "@/server/domain/contracts/terms";
import { cn, focusRing } from "../../ui";
import { pricingModelOf } from "./defaults";
import type { EditorProps } from "./editor-props";
import { ScopedField, OptionalIntInput, TextInput } from "./inputs";
import { PricingModelEditor } from "./pricing-model-editor";

type Pricing = CpmLine["pricing"];

const CPM_MODELS = ["perMille", "standard", "graduated", "volume", "package"] as const;

const SOURCES = [
  { value: "OVERRIDE", label: "Agreed price", hint: "A pricing model written into this contract." },
  { value: "RATE_CARD", label: "Rate card", hint: "The price of a rate card entry, as it stands on each billed day." },
] as const;

/** A CPM line's price: an override with its own pricing model, or a reference to a rate card entry. */
export function PricingEditor({ value, onChange, scope, currency }: EditorProps<Pricing> & { currency: string }) {
  const radioGroup = useId();
  const choose = (source: Pricing["source"]) => {
    if (source === value.source) return;
    onChange(source === "RATE_CARD" ? { source, rateCard: "", entry: "", pinnedVersion: null } : { source, model: pricingModelOf("perMille") });
  };
  return (
    <fieldset className="space-y-4 rounded-md border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-medium text-slate-800">Price</legend>
      <div className="flex flex-wrap gap-x-6 gap-y-2">
        {SOURCES.map((s) => (
          <label key={s.value} className="flex items-start gap-2 text-sm">
            <input type="radio" name={radioGroup} checked={value.source === s.value} onChange={() => choose(s.value)} className={cn("mt-0.5 size-4 accent-indigo-600", focusRing)} />
            <span>
              <span className="font-medium text-slate-800">{s.label}</span>
              <span className="block text-slate-500">{s.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {value.source === "OVERRIDE" ? (
        <PricingModelEditor value={value.model} onChange={(model) => onChange({ ...value, model })} scope={scope.at("model")} models={CPM_MODELS} currency={currency} unit="impressions" />
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          <ScopedField scope={scope.at("rateCard")} label="Rate card">
            <TextInput required maxLength={80} value={value.rateCard} onChange={(rateCard) => onChange({ ...value, rateCard })} />
          </ScopedField>
          <ScopedField scope={scope.at("entry")} label="Entry">
            <TextInput required maxLength={80} value={value.entry} onChange={(entry) => onChange({ ...value, entry })} />
          </ScopedField>
          <ScopedField scope={scope.at("pinnedVersion")} label="Pinned version" hint="Empty: each day uses the version in force that day.">
            <OptionalIntInput min={1} value={value.pinnedVersion} onChange={(pinnedVersion) => onChange({ ...value, pinnedVersion })} />
          </ScopedField>
        </div>
      )}
    </fieldset>
  );
}
