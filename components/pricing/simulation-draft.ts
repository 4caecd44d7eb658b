// What the simulator is pricing, as typed: a model and a quantity (units, or per-event values for the percentage
// model, whose free allowances and clamps work event by event). Values stay strings exactly as typed; the server
// validates them and answers with field errors.
import type { RouterInputs } from "@/app/_trpc/react";
import type { PricingModel } from "@/server/domain/pricing/pricing-model";

export interface SimulationDraft {
  model: PricingModel;
  units: string;
  /** Per-event values, one per line or comma separated. */
  eventsText: string;
}

export type SimulationRequest = RouterInputs["pricing"]["simulate"];

/**
 * The request travels in the query string (pricing.simulate is a query), so the list is kept well under the
 * server's header size limit; `tally price` takes a million.
 */
export const MAX_SIMULATED_EVENTS = 500;

/** A CPM-style example to start from: graduated tiers that get cheaper past 1M and 5M units. */
export const EXAMPLE_DRAFT: SimulationDraft = {
  model: {
    model: "graduated",
    tiers: [
      { upTo: "1000000", unitPrice: "0.011", flatFee: "0" },
      { upTo: "5000000", unitPrice: "0.0095", flatFee: "0" },
      { upTo: null, unitPrice: "0.008", flatFee: "0" },
    ],
  },
  units: "",
  eventsText: "",
};

export const pricesEvents = (model: PricingModel) => model.model === "percentage";

export const parseEvents = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The request for a draft, or null while there is nothing to price yet (or too much for one request). */
export function simulationRequestOf(draft: SimulationDraft): SimulationRequest | null {
  if (pricesEvents(draft.model)) {
    const events = parseEvents(draft.eventsText);
    return events.length > 0 && events.length <= MAX_SIMULATED_EVENTS ? { model: draft.model, events } : null;
  }
  const units = draft.units.trim();
  return units ? { model: draft.model, units } : null;
}
