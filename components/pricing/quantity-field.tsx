"use client";
import { Field, Textarea } from "../ui";
import type { EditorProps } from "../contracts/terms-editor/editor-props";
import { DecimalInput, ScopedField } from "../contracts/terms-editor/inputs";
import { MAX_SIMULATED_EVENTS, parseEvents, pricesEvents, type SimulationDraft } from "./simulation-draft";

const UNITS_HINTS: Partial<Record<SimulationDraft["model"]["model"], string>> = {
  perMille: "Impressions, e.g. 2500000.",
  graduatedPercentage: "The total value the rates apply to, e.g. the period's order value.",
};

/** What is priced: a number of units, or (for the percentage model) the value of each event. */
export function QuantityField({ value, onChange, scope }: EditorProps<SimulationDraft>) {
  if (!pricesEvents(value.model)) {
    return (
      <ScopedField scope={scope.at("units")} label="Units" hint={UNITS_HINTS[value.model.model] ?? "Digits and an optional decimal point, e.g. 2500000 or 0.5."} className="max-w-xs">
        <DecimalInput value={value.units} onChange={(units) => onChange({ ...value, units })} />
      </ScopedField>
    );
  }
  const events = parseEvents(value.eventsText);
  const messages = [
    ...(events.length > MAX_SIMULATED_EVENTS ? [`The simulator prices up to ${MAX_SIMULATED_EVENTS} events at a time (this list has ${events.length}); \`tally price\` takes more.`] : []),
    ...events.flatMap((_, i) => (scope.at("events", i).messages ?? []).map((m) => `Event ${i + 1}: ${m}`)),
    // The engine's own refusals of a quantity arrive under "units" whichever way it was given.
    ...(scope.at("units").messages ?? []),
  ];
  return (
    <Field id={scope.at("events").id} label="Events" hint="The value of each event (e.g. an order's value), one per line or separated by commas, in order." error={messages.length ? messages : null}>
      <Textarea rows={6} spellCheck={false} autoComplete="off" className="tabular-nums" value={value.eventsText} onChange={(e) => onChange({ ...value, eventsText: e.target.value })} />
    </Field>
  );
}
