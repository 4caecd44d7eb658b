"use client";
import { PRICING_MODEL_LABELS, type PricingModel, type PricingModelName } from "@/server/domain/pricing/pricing-model";
import { Select } from "../../ui";
import { CurrencyAddon, DecimalInput, OptionalDecimalInput, OptionalIntInput, ScopedField } from "./inputs";
import { pricingModelOf, tiersOf, type Tier } from "./defaults";
import type { EditorProps } from "./editor-props";
import { TierTable } from "./tier-table";

const MODEL_HINTS: Partial<Record<PricingModelName, string>> = {
  graduated: "Each tier's price applies to the units that fall inside it.",
  volume: "The tier the period's total reaches prices every unit.",
  package: "Units are billed in whole packages.",
};

export interface PricingModelEditorProps extends EditorProps<PricingModel> {
  /** The models offered here (the current one is always offered, so existing terms stay editable). */
  models: readonly PricingModelName[];
  currency: string;
  /** What is priced: "impressions", "conversions". */
  unit: string;
}

export function PricingModelEditor({ value, onChange, scope, models, currency, unit }: PricingModelEditorProps) {
  const offered = models.includes(value.model) ? models : [...models, value.model];
  const money = <CurrencyAddon currency={currency} />;
  const tiers = tiersOf(value);
  const setTiers = (next: Tier[]) => {
    if (value.model === "graduatedPercentage") onChange({ ...value, tiers: next.map((t) => ({ upTo: t.upTo, rate: t.price, flatFee: t.flatFee })) });
    else if (value.model === "graduated" || value.model === "volume") onChange({ ...value, tiers: next.map((t) => ({ upTo: t.upTo, unitPrice: t.price, flatFee: t.flatFee })) });
  };

  return (
    <div className="space-y-4">
      <ScopedField scope={scope.at("model")} label="Pricing model" hint={MODEL_HINTS[value.model]} className="max-w-xs">
        <Select value={value.model} onChange={(e) => onChange(pricingModelOf(e.target.value as PricingModelName, value))}>
          {offered.map((m) => (
            <option key={m} value={m}>
              {PRICING_MODEL_LABELS[m]}
            </option>
          ))}
        </Select>
      </ScopedField>

      {value.model === "perMille" && (
        <ScopedField scope={scope.at("ratePerThousand")} label={`Rate per 1,000 ${unit}`} addon={money} className="max-w-xs">
          <DecimalInput required value={value.ratePerThousand} onChange={(ratePerThousand) => onChange({ ...value, ratePerThousand })} />
        </ScopedField>
      )}
      {value.model === "standard" && (
        <ScopedField scope={scope.at("unitPrice")} label="Price per unit" addon={money} className="max-w-xs">
          <DecimalInput required value={value.unitPrice} onChange={(unitPrice) => onChange({ ...value, unitPrice })} />
        </ScopedField>
      )}
      {value.model === "package" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <ScopedField scope={scope.at("packageSize")} label={`Package size (${unit})`}>
            <DecimalInput required value={value.packageSize} onChange={(packageSize) => onChange({ ...value, packageSize })} />
          </ScopedField>
          <ScopedField scope={scope.at("packagePrice")} label="Package price" addon={money}>
            <DecimalInput required value={value.packagePrice} onChange={(packagePrice) => onChange({ ...value, packagePrice })} />
          </ScopedField>
          <ScopedField scope={scope.at("freeUnits")} label={`Free ${unit}`}>
            <DecimalInput value={value.freeUnits} onChange={(freeUnits) => onChange({ ...value, freeUnits })} />
          </ScopedField>
        </div>
      )}
      {value.model === "percentage" && (
        <div className="grid gap-4 sm:grid-cols-3">
          <ScopedField scope={scope.at("rate")} label="Rate (%)">
            <DecimalInput required value={value.rate} onChange={(rate) => onChange({ ...value, rate })} />
          </ScopedField>
          <ScopedField scope={scope.at("fixedFee")} label="Fixed fee per event" addon={money}>
            <DecimalInput value={value.fixedFee} onChange={(fixedFee) => onChange({ ...value, fixedFee })} />
          </ScopedField>
          <ScopedField scope={scope.at("freeUnits")} label="Free amount">
            <OptionalDecimalInput value={value.freeUnits} onChange={(freeUnits) => onChange({ ...value, freeUnits })} />
          </ScopedField>
          <ScopedField scope={scope.at("freeEvents")} label="Free events">
            <OptionalIntInput min={0} value={value.freeEvents} onChange={(freeEvents) => onChange({ ...value, freeEvents })} />
          </ScopedField>
          <ScopedField scope={scope.at("minPerEvent")} label="Minimum per event" addon={money}>
            <OptionalDecimalInput value={value.minPerEvent} onChange={(minPerEvent) => onChange({ ...value, minPerEvent })} />
          </ScopedField>
          <ScopedField scope={scope.at("maxPerEvent")} label="Maximum per event" addon={money}>
            <OptionalDecimalInput value={value.maxPerEvent} onChange={(maxPerEvent) => onChange({ ...value, maxPerEvent })} />
          </ScopedField>
        </div>
      )}
      {tiers && (
        <TierTable
          tiers={tiers}
          onChange={setTiers}
          scope={scope.at("tiers")}
          priceField={value.model === "graduatedPercentage" ? "rate" : "unitPrice"}
          priceLabel={value.model === "graduatedPercentage" ? "Rate (%)" : `Unit price (${currency})`}
          unit={unit}
        />
      )}
    </div>
  );
}
