"use client";
// The contract terms editor, shared by "new contract" and draft editing: four repeating sections over one
// ContractTerms value. Server field errors arrive through `scope` (the "terms" path) and land next to their inputs.
import type { ContractTerms } from "@/server/domain/contracts/terms";
import { CpaLineEditor } from "./cpa-line-editor";
import { CpmLineEditor } from "./cpm-line-editor";
import { newCpaLine, newCpmLine, newPartnerTerm, newRecurringFee } from "./defaults";
import { fieldSetter, type EditorProps } from "./editor-props";
import { PartnerTermEditor } from "./partner-term-editor";
import { RecurringFeeEditor } from "./recurring-fee-editor";
import { RepeatingSection } from "./repeating-section";

const titled = (kind: string) => (item: { name: string }, index: number) => item.name.trim() || `${kind} ${index + 1}`;

export function TermsEditor({ value, onChange, scope, currency }: EditorProps<ContractTerms> & { currency: string }) {
  const set = fieldSetter(value, onChange);
  const lineKeys = [...value.cpmLines, ...value.cpaLines].map((l) => l.key).filter(Boolean);
  return (
    <div className="space-y-6">
      <RepeatingSection
        title="Recurring fees"
        description="Platform fees billed monthly (prorated by day) or once."
        items={value.recurringFees}
        onChange={(v) => set("recurringFees", v)}
        scope={scope.at("recurringFees")}
        create={newRecurringFee}
        addLabel="Add fee"
        itemTitle={titled("Fee")}
        emptyText="No recurring fees."
        max={20}
      >
        {(row) => <RecurringFeeEditor {...row} currency={currency} />}
      </RepeatingSection>
      <RepeatingSection
        title="CPM lines"
        description="Impressions billed per thousand, from an agreed price or a rate card, with caps and commitments."
        items={value.cpmLines}
        onChange={(v) => set("cpmLines", v)}
        scope={scope.at("cpmLines")}
        create={newCpmLine}
        addLabel="Add CPM line"
        itemTitle={titled("CPM line")}
        emptyText="No CPM lines."
        max={50}
      >
        {(row) => <CpmLineEditor {...row} currency={currency} />}
      </RepeatingSection>
      <RepeatingSection
        title="CPA lines"
        description="Conversions paid per acquisition, with attribution rules, eligibility and caps."
        items={value.cpaLines}
        onChange={(v) => set("cpaLines", v)}
        scope={scope.at("cpaLines")}
        create={newCpaLine}
        addLabel="Add CPA line"
        itemTitle={titled("CPA line")}
        emptyText="No CPA lines."
        max={50}
      >
        {(row) => <CpaLineEditor {...row} currency={currency} />}
      </RepeatingSection>
      <RepeatingSection
        title="Partner terms"
        description="What each partner is paid out of this contract's revenue."
        items={value.partnerTerms}
        onChange={(v) => set("partnerTerms", v)}
        scope={scope.at("partnerTerms")}
        create={newPartnerTerm}
        addLabel="Add partner"
        itemTitle={(p, i) => p.partnerName.trim() || `Partner ${i + 1}`}
        emptyText="No partner terms."
        max={50}
      >
        {(row) => <PartnerTermEditor {...row} currency={currency} lineKeys={lineKeys} />}
      </RepeatingSection>
    </div>
  );
}
