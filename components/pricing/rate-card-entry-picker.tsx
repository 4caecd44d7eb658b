"use client";
// Start the simulator from a rate card entry: card → version (the one in force today unless another is chosen)
// → entry. Choosing an entry hands its pricing model to the simulator, which keeps it editable.
import { skipToken } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { api, type RouterOutputs } from "@/app/_trpc/react";
import type { PricingModel } from "@/server/domain/pricing/pricing-model";
import type { RateCardEntry } from "@/server/domain/pricing/rate-card";
import { Alert, buttonClasses, EmptyState, Field, Select } from "../ui";
import { versionLabel } from "../contracts/format";
import { versionFrom } from "../rate-cards/format";
import { versionStanding, type VersionStanding } from "../rate-cards/version-card";

type RateCardVersion = RouterOutputs["rateCards"]["byId"]["versions"][number];

/** The entry a model was loaded from, as the simulator names it. */
export interface PickedEntry {
  rateCard: string;
  version: number;
  entry: string;
  model: PricingModel;
}

/** "CTV CPM v2 · Sports" */
export const pickedEntryLabel = (picked: PickedEntry) => `${picked.rateCard} ${versionLabel(picked.version)} · ${picked.entry}`;

const STANDING_LABELS: Record<VersionStanding, string> = { IN_FORCE: "in force today", SCHEDULED: "scheduled", SUPERSEDED: "superseded" };

export interface RateCardEntryPickerProps {
  /** The server's today, which decides the version in force. */
  today: string;
  /** OPS may create rate cards: the empty state links to the form. */
  canCreateRateCards: boolean;
  onPick: (picked: PickedEntry) => void;
}

export function RateCardEntryPicker({ today, canCreateRateCards, onPick }: RateCardEntryPickerProps) {
  const cards = api.rateCards.list.useQuery();
  const [cardId, setCardId] = useState("");
  const card = api.rateCards.byId.useQuery(cardId ? { id: cardId } : skipToken);
  // null: the version in force today (or, before any is, the latest).
  const [chosenVersion, setChosenVersion] = useState<number | null>(null);
  const [entryKey, setEntryKey] = useState("");

  if (cards.error) {
    return (
      <Alert tone="error" title="Rate cards could not be loaded">
        {cards.error.message}
      </Alert>
    );
  }
  if (cards.data?.length === 0) {
    return (
      <EmptyState
        className="rounded-md border border-dashed border-slate-300"
        title="No rate cards yet"
        description={canCreateRateCards ? "Create one to price its entries here; until then, enter a model by hand." : "Rate card entries can be priced here once ops publishes a card; until then, enter a model by hand."}
        action={
          canCreateRateCards && (
            <Link href="/rate-cards/new" className={buttonClasses({ variant: "secondary", size: "sm" })}>
              New rate card
            </Link>
          )
        }
      />
    );
  }

  const versions = card.data?.versions ?? [];
  const versionNumber = chosenVersion ?? card.data?.inForceVersion ?? versions.at(-1)?.number ?? null;
  const version = versions.find((v) => v.number === versionNumber);
  const ready = Boolean(cardId && card.data);

  const pick = (v: RateCardVersion, entry: RateCardEntry) => {
    setEntryKey(entry.key);
    onPick({ rateCard: card.data!.name, version: v.number, entry: entry.name, model: entry.model });
  };
  const chooseCard = (id: string) => {
    setCardId(id);
    setChosenVersion(null);
    setEntryKey("");
  };
  const chooseVersion = (number: number) => {
    setChosenVersion(number);
    const v = versions.find((x) => x.number === number);
    const entry = v?.entries.find((e) => e.key === entryKey);
    // The same entry in another version: load its price from there; otherwise the entry is to be chosen again.
    if (v && entry) pick(v, entry);
    else setEntryKey("");
  };
  const chooseEntry = (key: string) => {
    const entry = version?.entries.find((e) => e.key === key);
    if (version && entry) pick(version, entry);
  };
  const waiting = cardId && !card.data ? (card.error ? "Could not load" : "Loading…") : null;

  return (
    <fieldset className="@container space-y-3">
      <legend className="text-sm font-medium text-slate-800">Start from a rate card entry</legend>
      <p className="text-sm text-slate-500">Optional. Choosing an entry loads its price into the model below, where you can change it. Rate cards carry no currency: their prices read in the currency chosen below.</p>
      {/* Stacked until there is room for a version's label ("v2 from 2026-12-01 · in force today") beside the entry. */}
      <div className="grid gap-4 @xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Field label="Rate card" className="@xl:col-span-2">
          <Select value={cardId} onChange={(e) => chooseCard(e.target.value)} disabled={!cards.data}>
            <option value="" disabled>
              {cards.data ? "Choose a rate card…" : "Loading…"}
            </option>
            {cards.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Version">
          <Select value={versionNumber ?? ""} onChange={(e) => chooseVersion(Number(e.target.value))} disabled={!ready}>
            {!ready && <option value="">{waiting ?? "Choose a rate card first"}</option>}
            {card.data &&
              versions.map((v) => (
                <option key={v.number} value={v.number}>
                  {versionFrom(v)} · {STANDING_LABELS[versionStanding(v, card.data.inForceVersion, today)]}
                </option>
              ))}
          </Select>
        </Field>
        <Field label="Entry">
          <Select value={entryKey} onChange={(e) => chooseEntry(e.target.value)} disabled={!version}>
            <option value="" disabled>
              {version ? "Choose an entry…" : (waiting ?? "Choose a rate card first")}
            </option>
            {version?.entries.map((e) => (
              <option key={e.key} value={e.key}>
                {e.name}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {card.error && (
        <Alert tone="error" title="This rate card could not be loaded">
          {card.error.message}
        </Alert>
      )}
    </fieldset>
  );
}
