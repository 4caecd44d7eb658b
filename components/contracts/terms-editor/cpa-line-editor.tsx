"use client";
import type { ReactNode } from "react";
import type { CpaLine } from "@/server/domain/contracts/terms";
import type { ErrorScope } from "../form-errors";
import { newCpaPayout, pricingModelOf, type CpaCap, type CpaPayout } from "./defaults";
import { fieldSetter, type EditorProps } from "./editor-props";
import { Checkbox, CurrencyAddon, IntInput, ListInput, OptionalDecimalInput, OptionalIntInput, ScopedField, TextInput } from "./inputs";
import { NameAndKeyFields } from "./name-and-key-fields";
import { PricingModelEditor } from "./pricing-model-editor";
import { RepeatingSection } from "./repeating-section";

const TIER_MODELS = ["graduated", "volume"] as const;

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-md border border-slate-200 bg-white p-4">
      <legend className="px-1 text-sm font-medium text-slate-800">{title}</legend>
      {children}
    </fieldset>
  );
}

function PayoutEditor({ value, onChange, scope, currency }: EditorProps<CpaPayout> & { currency: string }) {
  const set = fieldSetter(value, onChange);
  const money = <CurrencyAddon currency={currency} />;
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <ScopedField scope={scope.at("conversionType")} label="Conversion type">
        <TextInput required maxLength={40} spellCheck={false} placeholder="purchase" value={value.conversionType} onChange={(v) => set("conversionType", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("flat")} label="Flat" addon={money}>
        <OptionalDecimalInput value={value.flat} onChange={(v) => set("flat", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("percentOfValue")} label="% of value">
        <OptionalDecimalInput value={value.percentOfValue} onChange={(v) => set("percentOfValue", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("minPerConversion")} label="Min per conversion">
        <OptionalDecimalInput value={value.minPerConversion} onChange={(v) => set("minPerConversion", v)} />
      </ScopedField>
      <ScopedField scope={scope.at("maxPerConversion")} label="Max per conversion">
        <OptionalDecimalInput value={value.maxPerConversion} onChange={(v) => set("maxPerConversion", v)} />
      </ScopedField>
    </div>
  );
}

/** A cap on conversions and/or spend; both empty means no cap. */
function CapFields({ label, value, onChange, scope, currency }: { label: string; value: CpaCap | null; onChange: (cap: CpaCap | null) => void; scope: ErrorScope; currency: string }) {
  const update = (patch: Partial<CpaCap>) => {
    const next = { conversions: value?.conversions ?? null, spend: value?.spend ?? null, ...patch };
    onChange(next.conversions === null && next.spend === null ? null : next);
  };
  return (
    <>
      <ScopedField scope={scope.at("conversions")} label={`Conversions ${label}`} hint="Empty: no cap.">
        <OptionalIntInput min={1} value={value?.conversions ?? null} onChange={(conversions) => update({ conversions })} />
      </ScopedField>
      <ScopedField scope={scope.at("spend")} label={`Spend ${label}`} hint="Empty: no cap." addon={<CurrencyAddon currency={currency} />}>
        <OptionalDecimalInput value={value?.spend ?? null} onChange={(spend) => update({ spend })} />
      </ScopedField>
    </>
  );
}

export function CpaLineEditor({ value, onChange, scope, currency }: EditorProps<CpaLine> & { currency: string }) {
  const set = fieldSetter(value, onChange);
  const attribution = fieldSetter(value.attribution, (v) => set("attribution", v));
  const eligibility = fieldSetter(value.eligibility, (v) => set("eligibility", v));
  const caps = fieldSetter(value.caps, (v) => set("caps", v));
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <NameAndKeyFields name={value.name} keyValue={value.key} onChange={(n) => onChange({ ...value, ...n })} nameScope={scope.at("name")} keyScope={scope.at("key")} />
        <ScopedField scope={scope.at("lockPeriodDays")} label="Review lock (days)" hint="Before conversions become billable.">
          <IntInput required min={0} max={120} value={value.lockPeriodDays} onChange={(v) => set("lockPeriodDays", v)} />
        </ScopedField>
      </div>

      <RepeatingSection
          variant="nested"
          title="Payouts by conversion type"
          description="A flat amount, a percentage of the order value, or both; optional minimum and maximum per conversion."
          items={value.payouts}
          onChange={(v) => set("payouts", v)}
          scope={scope.at("payouts")}
          create={newCpaPayout}
          addLabel="Add payout"
          itemTitle={(p, i) => `Payout ${i + 1}${p.conversionType ? ` (${p.conversionType})` : ""}`}
          min={1}
          max={20}
        >
          {(row) => <PayoutEditor {...row} currency={currency} />}
      </RepeatingSection>

      <Group title="Attribution">
        <div className="grid gap-4 sm:grid-cols-3">
          <ScopedField scope={scope.at("attribution", "clickLookbackDays")} label="Click lookback (days)">
            <IntInput required min={0} max={90} value={value.attribution.clickLookbackDays} onChange={(v) => attribution("clickLookbackDays", v)} />
          </ScopedField>
          <ScopedField scope={scope.at("attribution", "viewLookbackDays")} label="View-through window (days)">
            <IntInput required min={0} max={30} value={value.attribution.viewLookbackDays} onChange={(v) => attribution("viewLookbackDays", v)} />
          </ScopedField>
          <ScopedField scope={scope.at("attribution", "dedupeWindowHours")} label="Dedupe window (hours)" hint="Last-touch attribution.">
            <IntInput required min={0} max={2160} value={value.attribution.dedupeWindowHours} onChange={(v) => attribution("dedupeWindowHours", v)} />
          </ScopedField>
        </div>
      </Group>

      <Group title="Eligibility">
        <div className="grid gap-4 sm:grid-cols-3">
          <ScopedField scope={scope.at("eligibility", "conversionTypes")} includeInside label="Conversion types" hint="Comma-separated; empty: all types.">
            <ListInput spellCheck={false} value={value.eligibility.conversionTypes} onChange={(v) => eligibility("conversionTypes", v)} />
          </ScopedField>
          <ScopedField scope={scope.at("eligibility", "geographies")} includeInside label="Geographies" hint="Two-letter country codes, comma-separated; empty: anywhere.">
            <ListInput spellCheck={false} placeholder="US, CA" value={value.eligibility.geographies} onChange={(v) => eligibility("geographies", v)} />
          </ScopedField>
          <ScopedField scope={scope.at("eligibility", "minOrderValue")} label="Minimum order value" addon={<CurrencyAddon currency={currency} />}>
            <OptionalDecimalInput value={value.eligibility.minOrderValue} onChange={(v) => eligibility("minOrderValue", v)} />
          </ScopedField>
        </div>
        <div className="mt-4">
          <Checkbox id={scope.at("eligibility", "newCustomersOnly").id} label="New customers only" checked={value.eligibility.newCustomersOnly} onChange={(v) => eligibility("newCustomersOnly", v)} />
        </div>
      </Group>

      <Group title="Caps">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <CapFields label="per day" value={value.caps.perDay} onChange={(v) => caps("perDay", v)} scope={scope.at("caps", "perDay")} currency={currency} />
          <CapFields label="per period" value={value.caps.perPeriod} onChange={(v) => caps("perPeriod", v)} scope={scope.at("caps", "perPeriod")} currency={currency} />
        </div>
      </Group>

      <Group title="Volume tiering">
        <Checkbox
          label="Tier payouts by approved conversions in the period"
          checked={value.tiered !== null}
          onChange={(on) => set("tiered", on ? pricingModelOf("graduated") : null)}
        />
        {value.tiered && (
          <div className="mt-4">
            <PricingModelEditor value={value.tiered} onChange={(v) => set("tiered", v)} scope={scope.at("tiered")} models={TIER_MODELS} currency={currency} unit="conversions" />
          </div>
        )}
      </Group>
    </div>
  );
}
