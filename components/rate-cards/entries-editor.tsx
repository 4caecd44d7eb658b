"use client";
// A rate card's entries: one price per inventory type, each a name, the key contract lines refer to, and a CPM
// pricing model. Built from the contract terms editor's parts, so both edit prices the same way.
import type { RateCardEntry } from "@/server/domain/pricing/rate-card";
import type { EditorProps } from "../contracts/terms-editor/editor-props";
import { pricingModelOf } from "../contracts/terms-editor/defaults";
import { NameAndKeyFields } from "../contracts/terms-editor/name-and-key-fields";
import { PricingModelEditor } from "../contracts/terms-editor/pricing-model-editor";
import { RepeatingSection } from "../contracts/terms-editor/repeating-section";
import { RATE_CARD_CURRENCY, RATE_CARD_UNIT } from "./format";

/** The models a CPM price can take, as on a contract's CPM line. */
const CPM_MODELS = ["perMille", "graduated", "volume", "package", "standard"] as const;

export const newRateCardEntry = (): RateCardEntry => ({ key: "", name: "", model: pricingModelOf("perMille") });

function EntryEditor({ value, onChange, scope }: EditorProps<RateCardEntry>) {
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <NameAndKeyFields name={value.name} keyValue={value.key} onChange={(n) => onChange({ ...value, ...n })} nameScope={scope.at("name")} keyScope={scope.at("key")} />
      </div>
      <PricingModelEditor value={value.model} onChange={(model) => onChange({ ...value, model })} scope={scope.at("model")} models={CPM_MODELS} currency={RATE_CARD_CURRENCY} unit={RATE_CARD_UNIT} />
    </div>
  );
}

export function EntriesEditor({ value, onChange, scope }: EditorProps<RateCardEntry[]>) {
  return (
    <RepeatingSection
      title="Entries"
      description="One price per inventory type (Sports, News…). Contract lines refer to an entry by its key, which stays the same from version to version."
      items={value}
      onChange={onChange}
      scope={scope}
      create={newRateCardEntry}
      addLabel="Add entry"
      itemTitle={(entry, index) => entry.name.trim() || `Entry ${index + 1}`}
      min={1}
      max={100}
    >
      {(row) => <EntryEditor {...row} />}
    </RepeatingSection>
  );
}
