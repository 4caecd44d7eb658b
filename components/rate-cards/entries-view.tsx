// A version's entries, read-only: name, key and price, with the contract pages' rendering of pricing models.
import type { RateCardEntry } from "@/server/domain/pricing/rate-card";
import { PRICING_MODEL_LABELS } from "@/server/domain/pricing/pricing-model";
import { PricingModelView } from "../contracts/terms-view/pricing-view";
import { Table, TBody, TD, TH, THead, TR } from "../ui";
import { RATE_CARD_CURRENCY, RATE_CARD_UNIT } from "./format";

export function EntriesView({ entries, caption }: { entries: RateCardEntry[]; caption: string }) {
  return (
    <Table>
      <caption className="sr-only">{caption}</caption>
      <THead>
        <TR>
          <TH>Entry</TH>
          <TH>Key</TH>
          <TH>Model</TH>
          <TH>Price</TH>
        </TR>
      </THead>
      <TBody>
        {entries.map((entry) => (
          <TR key={entry.key}>
            <TD className="align-top font-medium text-slate-900">{entry.name}</TD>
            <TD className="align-top font-mono text-xs">{entry.key}</TD>
            <TD className="align-top text-slate-600">{PRICING_MODEL_LABELS[entry.model.model]}</TD>
            <TD className="align-top">
              <PricingModelView model={entry.model} currency={RATE_CARD_CURRENCY} unit={RATE_CARD_UNIT} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
