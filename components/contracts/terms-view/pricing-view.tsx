import type { CpmLine } from "@/server/domain/contracts/terms";
import { PRICING_MODEL_LABELS, type PricingModel } from "@/server/domain/pricing/pricing-model";
import { formatMoney, formatPercent, formatQuantity, formatRate, isZero } from "../format";

function TierList({ tiers, currency, unit, percent }: { tiers: { upTo: string | null; price: string; flatFee: string }[]; currency: string; unit: string; percent: boolean }) {
  return (
    <table className="mt-2 w-full max-w-lg text-left text-sm">
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-4 font-medium">Up to ({unit})</th>
          <th className="py-1 pr-4 font-medium">{percent ? "Rate" : "Unit price"}</th>
          <th className="py-1 font-medium">Flat fee</th>
        </tr>
      </thead>
      <tbody className="tabular-nums">
        {tiers.map((t, i) => (
          <tr key={i} className="border-t border-slate-100">
            <td className="py-1 pr-4">{t.upTo === null ? "and above" : formatQuantity(t.upTo)}</td>
            <td className="py-1 pr-4">{percent ? formatPercent(t.price) : formatRate(t.price, currency)}</td>
            <td className="py-1">{formatMoney(t.flatFee, currency)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A pricing model in words (and its tiers as a small table). */
export function PricingModelView({ model, currency, unit }: { model: PricingModel; currency: string; unit: string }) {
  const label = <span className="text-slate-500">{PRICING_MODEL_LABELS[model.model]}</span>;
  switch (model.model) {
    case "perMille":
      return <span className="tabular-nums">{formatRate(model.ratePerThousand, currency)} per 1,000 {unit}</span>;
    case "standard":
      return <span className="tabular-nums">{formatRate(model.unitPrice, currency)} per unit</span>;
    case "package":
      return (
        <span className="tabular-nums">
          {formatMoney(model.packagePrice, currency)} per {formatQuantity(model.packageSize)} {unit}
          {!isZero(model.freeUnits) && `, first ${formatQuantity(model.freeUnits)} free`}
        </span>
      );
    case "percentage":
      return (
        <span className="tabular-nums">
          {formatPercent(model.rate)}
          {!isZero(model.fixedFee) && ` + ${formatMoney(model.fixedFee, currency)} per event`}
          {model.minPerEvent && `, at least ${formatMoney(model.minPerEvent, currency)}`}
          {model.maxPerEvent && `, at most ${formatMoney(model.maxPerEvent, currency)}`}
          {model.freeEvents !== null && `, first ${model.freeEvents} events free`}
        </span>
      );
    case "graduated":
    case "volume":
      return (
        <div>
          {label}
          <TierList tiers={model.tiers.map((t) => ({ upTo: t.upTo, price: t.unitPrice, flatFee: t.flatFee }))} currency={currency} unit={unit} percent={false} />
        </div>
      );
    case "graduatedPercentage":
      return (
        <div>
          {label}
          <TierList tiers={model.tiers.map((t) => ({ upTo: t.upTo, price: t.rate, flatFee: t.flatFee }))} currency={currency} unit={unit} percent />
        </div>
      );
  }
}

export function PricingView({ pricing, currency }: { pricing: CpmLine["pricing"]; currency: string }) {
  if (pricing.source === "RATE_CARD") {
    return (
      <span>
        Rate card <span className="font-medium">{pricing.rateCard}</span>, entry <span className="font-medium">{pricing.entry}</span>
      </span>
    );
  }
  return <PricingModelView model={pricing.model} currency={currency} unit="impressions" />;
}
