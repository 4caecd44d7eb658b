"use client";
import { BILLABLE_SOURCES, type CpmLine } from "@/server/domain/contracts/terms";
import { Select } from "../../ui";
import { BILLABLE_SOURCE_LABELS, COMMITMENT_PERIOD_LABELS } from "../format";
import { fieldSetter, type EditorProps } from "./editor-props";
import { CurrencyAddon, DecimalInput, OptionalDecimalInput, ScopedField, TextInput } from "./inputs";
import { NameAndKeyFields } from "./name-and-key-fields";
import { PricingEditor } from "./pricing-editor";

type Commitment = NonNullable<CpmLine["minimumCommitment"]>;

export function CpmLineEditor({ value, onChange, scope, currency }: EditorProps<CpmLine> & { currency: string }) {
  const set = fieldSetter(value, onChange);
  const money = <CurrencyAddon currency={currency} />;
  const commitment = value.minimumCommitment;
  return (
    <div className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <NameAndKeyFields name={value.name} keyValue={value.key} onChange={(n) => onChange({ ...value, ...n })} nameScope={scope.at("name")} keyScope={scope.at("key")} />
        <ScopedField scope={scope.at("inventoryType")} label="Inventory type" hint="e.g. Sports, News, FAST channels.">
          <TextInput required maxLength={40} value={value.inventoryType} onChange={(v) => set("inventoryType", v)} />
        </ScopedField>
      </div>
      <PricingEditor value={value.pricing} onChange={(v) => set("pricing", v)} scope={scope.at("pricing")} currency={currency} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <ScopedField scope={scope.at("billableSource")} label="Billable count">
          <Select value={value.billableSource} onChange={(e) => set("billableSource", e.target.value as CpmLine["billableSource"])}>
            {BILLABLE_SOURCES.map((s) => (
              <option key={s} value={s}>
                {BILLABLE_SOURCE_LABELS[s]}
              </option>
            ))}
          </Select>
        </ScopedField>
        <ScopedField scope={scope.at("discrepancyThresholdPercent")} label="Discrepancy threshold (%)" hint="Above it the period is held for review.">
          <DecimalInput required value={value.discrepancyThresholdPercent} onChange={(v) => set("discrepancyThresholdPercent", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("agencyCommissionPercent")} label="Agency commission (%)">
          <DecimalInput required value={value.agencyCommissionPercent} onChange={(v) => set("agencyCommissionPercent", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("periodCap")} label="Spend cap per period" hint="Empty: no cap." addon={money}>
          <OptionalDecimalInput value={value.periodCap} onChange={(v) => set("periodCap", v)} />
        </ScopedField>
        <ScopedField scope={scope.at("lifetimeBudget")} label="Lifetime budget" hint="Empty: no budget." addon={money}>
          <OptionalDecimalInput value={value.lifetimeBudget} onChange={(v) => set("lifetimeBudget", v)} />
        </ScopedField>
        <ScopedField
          scope={scope.at("minimumCommitment", "amount")}
          label="Minimum commitment"
          hint="Trued up if spend falls short. Empty: none."
          addon={
            // Wrapped: the kit's controls are full-width, the period only needs its words.
            <div className="w-36 shrink-0">
              <Select
                aria-label="Commitment period"
                value={commitment?.period ?? "MONTHLY"}
                disabled={!commitment}
                onChange={(e) => commitment && set("minimumCommitment", { ...commitment, period: e.target.value as Commitment["period"] })}
              >
                {Object.entries(COMMITMENT_PERIOD_LABELS).map(([v, label]) => (
                  <option key={v} value={v}>
                    {label}
                  </option>
                ))}
              </Select>
            </div>
          }
        >
          <OptionalDecimalInput value={commitment?.amount ?? null} onChange={(amount) => set("minimumCommitment", amount === null ? null : { amount, period: commitment?.period ?? "MONTHLY" })} />
        </ScopedField>
      </div>
    </div>
  );
}
