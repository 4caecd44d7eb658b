"use client";
import type { RouterOutputs } from "@/app/_trpc/react";
import { CURRENCY_MINOR_UNITS } from "@/server/domain/money";
import { roundLine, type RoundingMode } from "@/server/domain/pricing/engine";
import { cn, Stat } from "../ui";
import { formatMoney } from "../contracts/format";
import { Checkbox } from "../contracts/terms-editor/inputs";
import { BreakdownChart } from "./breakdown-chart";
import { BreakdownTable } from "./breakdown-table";
import { formatExactMoney } from "./format";

export interface SimulationResultProps {
  result: RouterOutputs["pricing"]["simulate"];
  currency: string;
  roundingMode: RoundingMode;
  onRoundingModeChange: (mode: RoundingMode) => void;
  /** The inputs changed since this result was priced; a fresh one is on its way. */
  stale: boolean;
}

/** The engine's answer: the exact amount, the invoice line it rounds to, and how it was reached. */
export function SimulationResult({ result, currency, roundingMode, onRoundingModeChange, stale }: SimulationResultProps) {
  const lineAmount = formatMoney(roundLine(result.amount, currency, roundingMode), currency);
  const digits = CURRENCY_MINOR_UNITS[currency];
  return (
    <div className={cn("space-y-5 transition-opacity", stale && "opacity-60")}>
      <p role="status" className="sr-only">
        {stale ? "" : `Line amount ${lineAmount}`}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Stat label="Exact amount" value={<span className="wrap-anywhere">{formatExactMoney(result.amount, currency)}</span>} hint="Unrounded, as the engine computes it." />
        <Stat
          label="Line amount"
          value={<span className="wrap-anywhere">{lineAmount}</span>}
          hint={`Rounded once to ${digits} decimal${digits === 1 ? "" : "s"}, half ${roundingMode === "HALF_EVEN" ? "to even" : "up"}.`}
        />
      </div>
      <Checkbox
        checked={roundingMode === "HALF_EVEN"}
        onChange={(halfEven) => onRoundingModeChange(halfEven ? "HALF_EVEN" : "HALF_UP")}
        label="Round half to even"
        hint="Lines round half up unless the contract says half-even (a tie goes to the even digit)."
      />
      <BreakdownChart breakdown={result.breakdown} currency={currency} />
      <BreakdownTable breakdown={result.breakdown} currency={currency} caption="How the amount is reached" />
    </div>
  );
}
