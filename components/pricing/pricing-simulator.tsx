"use client";
// The pricing simulator: the same engine billing uses, priced as the user types (after a short pause), nothing
// saved. The model editor is the contracts' one, so a model tried here is entered the same way in a contract.
import { keepPreviousData, skipToken } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { api } from "@/app/_trpc/react";
import { CURRENCY_MINOR_UNITS } from "@/server/domain/money";
import type { RoundingMode } from "@/server/domain/pricing/engine";
import { PRICING_MODEL_LABELS, type PricingModelName } from "@/server/domain/pricing/pricing-model";
import { Alert, Card, CardBody, CardHeader, EmptyState, Field, Select, Spinner } from "../ui";
import { describeFieldPath, errorScope } from "../contracts/form-errors";
import { PricingModelEditor } from "../contracts/terms-editor/pricing-model-editor";
import { ModelOrigin } from "./model-origin";
import { QuantityField } from "./quantity-field";
import { RateCardEntryPicker, type PickedEntry } from "./rate-card-entry-picker";
import { SimulationResult } from "./simulation-result";
import { EXAMPLE_DRAFT, MAX_SIMULATED_EVENTS, parseEvents, pricesEvents, simulationRequestOf, type SimulationDraft } from "./simulation-draft";
import { useDebouncedValue } from "./use-debounced-value";

const ALL_MODELS = Object.keys(PRICING_MODEL_LABELS) as PricingModelName[];
const CURRENCIES = Object.keys(CURRENCY_MINOR_UNITS).sort();
const TYPING_PAUSE_MS = 300;

function emptyStateFor(draft: SimulationDraft) {
  if (!pricesEvents(draft.model)) return { title: "Enter units to price them", description: "The amount, its rounding and the per-tier breakdown appear here." };
  if (parseEvents(draft.eventsText).length > MAX_SIMULATED_EVENTS) return { title: "Too many events to price here", description: `Keep the list to ${MAX_SIMULATED_EVENTS} events.` };
  return { title: "Enter event values to price them", description: "The amount, its rounding and the per-event breakdown appear here." };
}

export interface PricingSimulatorProps {
  /** The server's today: the rate card version in force on it is offered first. */
  today: string;
  canCreateRateCards: boolean;
}

export function PricingSimulator({ today, canCreateRateCards }: PricingSimulatorProps) {
  const [draft, setDraft] = useState<SimulationDraft>(EXAMPLE_DRAFT);
  // The rate card entry the model was loaded from, kept after edits to say what the custom model started as.
  const [origin, setOrigin] = useState<PickedEntry | null>(null);
  const [currency, setCurrency] = useState("USD");
  const [roundingMode, setRoundingMode] = useState<RoundingMode>("HALF_UP");
  const settled = useDebouncedValue(draft, TYPING_PAUSE_MS);
  const request = useMemo(() => simulationRequestOf(settled), [settled]);
  // The previous result stays on screen (dimmed) while the next one is priced, instead of blinking away.
  const simulation = api.pricing.simulate.useQuery(request ?? skipToken, { placeholderData: keepPreviousData });
  const fieldErrors = simulation.error?.data?.fieldErrors;
  const scope = errorScope(fieldErrors);
  const updating = draft !== settled || simulation.isFetching;
  const result = request ? simulation.data : undefined;

  return (
    <div className="grid items-start gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader title="What to price" description="A pricing model and a quantity. Nothing here is saved." />
        <CardBody className="space-y-5">
          <RateCardEntryPicker
            today={today}
            canCreateRateCards={canCreateRateCards}
            onPick={(picked) => {
              setOrigin(picked);
              setDraft({ ...draft, model: picked.model });
            }}
          />
          <div className="space-y-4 border-t border-slate-200 pt-5">
            {origin && <ModelOrigin origin={origin} model={draft.model} onRestore={() => setDraft({ ...draft, model: origin.model })} />}
            <PricingModelEditor value={draft.model} onChange={(model) => setDraft({ ...draft, model })} scope={scope.at("model")} models={ALL_MODELS} currency={currency} unit="units" />
          </div>
          <div className="grid gap-4 border-t border-slate-200 pt-5 sm:grid-cols-[minmax(0,1fr)_10rem]">
            <QuantityField value={draft} onChange={setDraft} scope={scope} />
            <Field label="Currency" hint="For display and the line rounding.">
              <Select value={currency} onChange={(e) => setCurrency(e.target.value)}>
                {CURRENCIES.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </Select>
            </Field>
          </div>
        </CardBody>
      </Card>

      <Card>
        <CardHeader
          title="Result"
          actions={
            updating && request ? (
              <span className="flex items-center gap-1.5 text-sm text-slate-500">
                <Spinner /> Pricing…
              </span>
            ) : undefined
          }
        />
        <CardBody aria-busy={updating} className="space-y-5">
          {!request ? (
            <EmptyState {...emptyStateFor(draft)} />
          ) : simulation.error ? (
            fieldErrors ? (
              <Alert tone="warning" title="This can't be priced yet">
                <ul className="list-disc space-y-0.5 pl-5">
                  {Object.entries(fieldErrors).map(([path, messages]) => (
                    <li key={path}>{path === "_form" ? messages.join(" ") : `${describeFieldPath(path)}: ${messages.join(" ")}`}</li>
                  ))}
                </ul>
              </Alert>
            ) : (
              <Alert tone="error" title="The simulator could not price this">
                {simulation.error.message}
              </Alert>
            )
          ) : result ? (
            <SimulationResult result={result} currency={currency} roundingMode={roundingMode} onRoundingModeChange={setRoundingMode} stale={updating} />
          ) : (
            <EmptyState title="Pricing…" />
          )}
        </CardBody>
      </Card>
    </div>
  );
}
