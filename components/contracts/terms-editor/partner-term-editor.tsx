"use client";
import { Select } from "../../ui";
import { PAYOUT_KIND_LABELS } from "../format";
import type { PartnerTerm } from "./defaults";
import { fieldSetter, type EditorProps } from "./editor-props";
import { Checkbox, CurrencyAddon, DecimalInput, ScopedField } from "./inputs";
import { NameAndKeyFields } from "./name-and-key-fields";

type Payout = PartnerTerm["payout"];

function payoutOf(kind: Payout["kind"], previous: Payout): Payout {
  if (kind === "FLAT_PER_CONVERSION") return { kind, amount: previous.kind === kind ? previous.amount : "" };
  return { kind, percent: "percent" in previous ? previous.percent : "" };
}

export interface PartnerTermEditorProps extends EditorProps<PartnerTerm> {
  currency: string;
  /** Keys of the contract's CPM and CPA lines, offered as the lines this partner's payout applies to. */
  lineKeys: string[];
}

export function PartnerTermEditor({ value, onChange, scope, currency, lineKeys }: PartnerTermEditorProps) {
  const set = fieldSetter(value, onChange);
  const payout = value.payout;
  // Lines it names that no longer exist stay listed, so they can be unticked (the server refuses them).
  const offered = [...new Set([...lineKeys, ...value.lines])];
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <NameAndKeyFields
          name={value.partnerName}
          keyValue={value.partnerKey}
          onChange={(n) => onChange({ ...value, partnerName: n.name, partnerKey: n.key })}
          nameScope={scope.at("partnerName")}
          keyScope={scope.at("partnerKey")}
          nameLabel="Partner"
        />
        <ScopedField scope={scope.at("payout", "kind")} label="Payout">
          <Select value={payout.kind} onChange={(e) => set("payout", payoutOf(e.target.value as Payout["kind"], payout))}>
            {Object.entries(PAYOUT_KIND_LABELS).map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </Select>
        </ScopedField>
        {payout.kind === "FLAT_PER_CONVERSION" ? (
          <ScopedField scope={scope.at("payout", "amount")} label="Amount per conversion" addon={<CurrencyAddon currency={currency} />}>
            <DecimalInput required value={payout.amount} onChange={(amount) => set("payout", { ...payout, amount })} />
          </ScopedField>
        ) : (
          <ScopedField scope={scope.at("payout", "percent")} label="Share (%)">
            <DecimalInput required value={payout.percent} onChange={(percent) => set("payout", { ...payout, percent })} />
          </ScopedField>
        )}
      </div>
      <fieldset id={scope.at("lines").id} tabIndex={-1} className="outline-none">
        <legend className="text-sm font-medium text-slate-800">Applies to lines</legend>
        <p className="text-sm text-slate-500">None ticked: every line it can apply to.</p>
        {offered.length === 0 ? (
          <p className="mt-2 text-sm text-slate-500">Add CPM or CPA lines (with keys) to limit this payout to some of them.</p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
            {offered.map((key) => {
              const lineScope = scope.at("lines", value.lines.indexOf(key));
              return (
                <div key={key}>
                  <Checkbox
                    label={<span className="font-mono">{key}</span>}
                    checked={value.lines.includes(key)}
                    onChange={(on) => set("lines", on ? [...value.lines, key] : value.lines.filter((k) => k !== key))}
                  />
                  {value.lines.includes(key) && lineScope.messages && <p className="text-sm text-red-700">{lineScope.messages.join(" ")}</p>}
                </div>
              );
            })}
          </div>
        )}
      </fieldset>
    </div>
  );
}
