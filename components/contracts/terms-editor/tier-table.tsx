"use client";
// Stripe-style tiers: ordered "up to" bounds, the last one unbounded. The table keeps that shape by construction:
// new tiers are inserted before the unbounded one, and removing the last tier makes its predecessor unbounded.
import { useId } from "react";
import { Button, Input, Table, TBody, TD, TH, THead, TR } from "../../ui";
import type { ErrorScope } from "../form-errors";
import type { Tier } from "./defaults";

export interface TierTableProps {
  tiers: Tier[];
  onChange: (tiers: Tier[]) => void;
  /** The tiers' path (…model.tiers); its own messages ("Add at least one tier") show above the table. */
  scope: ErrorScope;
  /** Where each tier's price lives in the model: unitPrice for unit tiers, rate for percentage tiers. */
  priceField: "unitPrice" | "rate";
  priceLabel: string;
  /** What the bounds count: "impressions", "conversions". */
  unit: string;
}

function CellInput({ scope, label, value, onChange }: { scope: ErrorScope; label: string; value: string; onChange: (value: string) => void }) {
  const errorId = `${scope.id}-error`;
  return (
    <>
      <Input
        id={scope.id}
        aria-label={label}
        aria-invalid={scope.messages ? true : undefined}
        aria-describedby={scope.messages ? errorId : undefined}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value.trim())}
        className="tabular-nums"
      />
      {scope.messages && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {scope.messages.join(" ")}
        </p>
      )}
    </>
  );
}

export function TierTable({ tiers, onChange, scope, priceField, priceLabel, unit }: TierTableProps) {
  const captionId = useId();
  const set = (index: number, patch: Partial<Tier>) => onChange(tiers.map((t, i) => (i === index ? { ...t, ...patch } : t)));
  const addTier = () => {
    const bounded = tiers.slice(0, -1);
    const last = tiers.at(-1) ?? { upTo: null, price: "", flatFee: "0" };
    onChange([...bounded, { upTo: "", price: "", flatFee: "0" }, last]);
  };
  const removeTier = (index: number) => {
    const next = tiers.filter((_, i) => i !== index);
    onChange(next.map((t, i) => (i === next.length - 1 ? { ...t, upTo: null } : t)));
  };
  return (
    <div id={scope.id} tabIndex={-1} className="space-y-2 outline-none">
      <p id={captionId} className="text-sm font-medium text-slate-800">
        Tiers
      </p>
      {scope.messages && <p className="text-sm text-red-700">{scope.messages.join(" ")}</p>}
      <div className="rounded-md border border-slate-200 bg-white">
        <Table aria-labelledby={captionId}>
          <THead>
            <TR>
              <TH>Tier</TH>
              <TH>Up to ({unit})</TH>
              <TH>{priceLabel}</TH>
              <TH>Flat fee</TH>
              <TH>
                <span className="sr-only">Actions</span>
              </TH>
            </TR>
          </THead>
          <TBody>
            {tiers.map((tier, i) => {
              const tierScope = scope.at(i);
              const name = `Tier ${i + 1}`;
              return (
                <TR key={i}>
                  <TD className="align-top whitespace-nowrap text-slate-500">
                    <span className="inline-block py-2">{name}</span>
                  </TD>
                  <TD className="align-top">
                    {tier.upTo === null ? (
                      <span className="inline-block py-2 text-slate-500">and above (unbounded)</span>
                    ) : (
                      <CellInput scope={tierScope.at("upTo")} label={`${name} up to`} value={tier.upTo} onChange={(upTo) => set(i, { upTo })} />
                    )}
                  </TD>
                  <TD className="align-top">
                    <CellInput scope={tierScope.at(priceField)} label={`${name} ${priceLabel.toLowerCase()}`} value={tier.price} onChange={(price) => set(i, { price })} />
                  </TD>
                  <TD className="align-top">
                    <CellInput scope={tierScope.at("flatFee")} label={`${name} flat fee`} value={tier.flatFee} onChange={(flatFee) => set(i, { flatFee })} />
                  </TD>
                  <TD className="align-top">
                    <Button variant="ghost" size="sm" onClick={() => removeTier(i)} disabled={tiers.length <= 1}>
                      Remove<span className="sr-only"> {name}</span>
                    </Button>
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      </div>
      <Button variant="secondary" size="sm" onClick={addTier} disabled={tiers.length >= 50}>
        <span aria-hidden="true">+</span> Add tier
      </Button>
    </div>
  );
}
