"use client";
// Where the model being priced came from: a rate card entry as published, or a custom model once edited.
import { useRef } from "react";
import type { PricingModel } from "@/server/domain/pricing/pricing-model";
import { Badge, Button } from "../ui";
import { pickedEntryLabel, type PickedEntry } from "./rate-card-entry-picker";

/** A value with its object keys sorted, so two models compare by content whatever order the editor wrote them in. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === "object"
      ? Object.fromEntries(
          Object.entries(value)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

export const sameModel = (a: PricingModel, b: PricingModel) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

export function ModelOrigin({ origin, model, onRestore }: { origin: PickedEntry; model: PricingModel; onRestore: () => void }) {
  const label = pickedEntryLabel(origin);
  const custom = !sameModel(model, origin.model);
  // The restore button goes away once used: keyboard focus moves to the note that says what is priced now.
  const noteRef = useRef<HTMLParagraphElement>(null);
  return (
    <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 rounded-md border border-slate-200 bg-slate-50 px-4 py-3 text-sm">
      <p ref={noteRef} role="status" tabIndex={-1} className="text-slate-700 outline-none">
        {custom ? (
          <>
            <Badge tone="amber" className="mr-2">
              Custom model
            </Badge>
            Edited from <span className="font-medium text-slate-900">{label}</span>; the rate card itself is unchanged.
          </>
        ) : (
          <>
            <Badge tone="indigo" className="mr-2">
              Rate card entry
            </Badge>
            From <span className="font-medium text-slate-900">{label}</span>. Editing the model below makes it a custom model.
          </>
        )}
      </p>
      {custom && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            onRestore();
            noteRef.current?.focus();
          }}
        >
          Restore the entry&rsquo;s price
        </Button>
      )}
    </div>
  );
}
