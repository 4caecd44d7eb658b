// The terms of a version, read-only: what the contract page shows as "in force" and the version page shows for
// anything not being edited. Amounts are formatted to the currency's minor unit; rates keep all their decimals.
import type { ReactNode } from "react";
import type { ContractTerms, CpaLine, CpmLine } from "@/server/domain/contracts/terms";
import { EmptyState, Table, TBody, TD, TH, THead, TR } from "../../ui";
import { DetailList, None } from "../detail-list";
import { BILLABLE_SOURCE_LABELS, COMMITMENT_PERIOD_LABELS, FREQUENCY_LABELS, PAYOUT_KIND_LABELS, formatMoney, formatPercent } from "../format";
import { PricingModelView, PricingView } from "./pricing-view";

function Section({ title, count, children }: { title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section className="space-y-3">
      <h3 className="text-sm font-semibold text-slate-900">
        {title} <span className="font-normal text-slate-500">({count})</span>
      </h3>
      {children}
    </section>
  );
}

function LineBlock({ name, lineKey, subtitle, children }: { name: string; lineKey: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="rounded-md border border-slate-200 p-4">
      <p className="mb-3 text-sm">
        <span className="font-semibold text-slate-900">{name}</span> <span className="font-mono text-xs text-slate-500">{lineKey}</span>
        {subtitle && <span className="text-slate-500"> · {subtitle}</span>}
      </p>
      {children}
    </div>
  );
}

const money = (value: string | null, currency: string) => (value === null ? <None /> : <span className="tabular-nums">{formatMoney(value, currency)}</span>);
const list = (values: string[], whenEmpty: string) => (values.length ? values.join(", ") : <span className="text-slate-500">{whenEmpty}</span>);

function CpmLineView({ line, currency }: { line: CpmLine; currency: string }) {
  const commitment = line.minimumCommitment;
  return (
    <LineBlock name={line.name} lineKey={line.key} subtitle={line.inventoryType}>
      <DetailList
        items={[
          { label: "Price", value: <PricingView pricing={line.pricing} currency={currency} />, wide: line.pricing.source === "OVERRIDE" && "tiers" in line.pricing.model },
          { label: "Billable count", value: BILLABLE_SOURCE_LABELS[line.billableSource] },
          { label: "Discrepancy threshold", value: formatPercent(line.discrepancyThresholdPercent) },
          { label: "Spend cap per period", value: money(line.periodCap, currency) },
          { label: "Lifetime budget", value: money(line.lifetimeBudget, currency) },
          { label: "Minimum commitment", value: commitment ? `${formatMoney(commitment.amount, currency)} ${COMMITMENT_PERIOD_LABELS[commitment.period]}` : <None /> },
          { label: "Agency commission", value: formatPercent(line.agencyCommissionPercent) },
        ]}
      />
    </LineBlock>
  );
}

function capText(cap: CpaLine["caps"]["perDay"], currency: string) {
  if (!cap) return <None />;
  return [cap.conversions !== null && `${cap.conversions} conversions`, cap.spend !== null && formatMoney(cap.spend, currency)].filter(Boolean).join(" or ");
}

function CpaLineView({ line, currency }: { line: CpaLine; currency: string }) {
  const { attribution: a, eligibility: e } = line;
  return (
    <LineBlock name={line.name} lineKey={line.key}>
      <div className="mb-4 rounded-md border border-slate-100">
        <Table>
          <THead>
            <TR>
              <TH>Conversion type</TH>
              <TH numeric>Flat</TH>
              <TH numeric>% of value</TH>
              <TH numeric>Min</TH>
              <TH numeric>Max</TH>
            </TR>
          </THead>
          <TBody>
            {line.payouts.map((p) => (
              <TR key={p.conversionType}>
                <TD className="font-mono text-xs">{p.conversionType}</TD>
                <TD numeric>{money(p.flat, currency)}</TD>
                <TD numeric>{p.percentOfValue === null ? <None /> : formatPercent(p.percentOfValue)}</TD>
                <TD numeric>{money(p.minPerConversion, currency)}</TD>
                <TD numeric>{money(p.maxPerConversion, currency)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </div>
      <DetailList
        items={[
          { label: "Attribution", value: `Last touch · click ${a.clickLookbackDays} d · view-through ${a.viewLookbackDays} d · dedupe ${a.dedupeWindowHours} h` },
          { label: "Eligible conversion types", value: list(e.conversionTypes, "All types") },
          { label: "Geographies", value: list(e.geographies, "Anywhere") },
          { label: "Minimum order value", value: money(e.minOrderValue, currency) },
          { label: "New customers only", value: e.newCustomersOnly ? "Yes" : "No" },
          { label: "Review lock", value: `${line.lockPeriodDays} days` },
          { label: "Cap per day", value: capText(line.caps.perDay, currency) },
          { label: "Cap per period", value: capText(line.caps.perPeriod, currency) },
          line.tiered && { label: "Volume tiering", value: <PricingModelView model={line.tiered} currency={currency} unit="conversions" />, wide: true },
        ]}
      />
    </LineBlock>
  );
}

function payoutText(payout: ContractTerms["partnerTerms"][number]["payout"], currency: string) {
  const kind = PAYOUT_KIND_LABELS[payout.kind];
  return payout.kind === "FLAT_PER_CONVERSION" ? `${formatMoney(payout.amount, currency)} per conversion` : `${kind}: ${formatPercent(payout.percent)}`;
}

export function TermsView({ terms, currency }: { terms: ContractTerms; currency: string }) {
  const { recurringFees, cpmLines, cpaLines, partnerTerms } = terms;
  if (recurringFees.length + cpmLines.length + cpaLines.length + partnerTerms.length === 0) {
    return <EmptyState title="No terms" description="This version has no fees, lines or partner terms." />;
  }
  return (
    <div className="space-y-6">
      <Section title="Recurring fees" count={recurringFees.length}>
        <div className="rounded-md border border-slate-200">
          <Table>
            <THead>
              <TR>
                <TH>Fee</TH>
                <TH numeric>Amount</TH>
                <TH>Frequency</TH>
                <TH>From</TH>
                <TH>Until</TH>
              </TR>
            </THead>
            <TBody>
              {recurringFees.map((f) => (
                <TR key={f.key}>
                  <TD>
                    <span className="font-medium">{f.name}</span> <span className="font-mono text-xs text-slate-500">{f.key}</span>
                  </TD>
                  <TD numeric>{formatMoney(f.amount, currency)}</TD>
                  <TD>{FREQUENCY_LABELS[f.frequency]}</TD>
                  <TD>{f.startDate ?? <span className="text-slate-500">Term start</span>}</TD>
                  <TD>{f.endDate ?? <span className="text-slate-500">Term end</span>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      </Section>
      <Section title="CPM lines" count={cpmLines.length}>
        {cpmLines.map((line) => (
          <CpmLineView key={line.key} line={line} currency={currency} />
        ))}
      </Section>
      <Section title="CPA lines" count={cpaLines.length}>
        {cpaLines.map((line) => (
          <CpaLineView key={line.key} line={line} currency={currency} />
        ))}
      </Section>
      <Section title="Partner terms" count={partnerTerms.length}>
        <div className="rounded-md border border-slate-200">
          <Table>
            <THead>
              <TR>
                <TH>Partner</TH>
                <TH>Payout</TH>
                <TH>Applies to</TH>
              </TR>
            </THead>
            <TBody>
              {partnerTerms.map((p) => (
                <TR key={p.partnerKey}>
                  <TD>
                    <span className="font-medium">{p.partnerName}</span> <span className="font-mono text-xs text-slate-500">{p.partnerKey}</span>
                  </TD>
                  <TD className="tabular-nums">{payoutText(p.payout, currency)}</TD>
                  <TD>{p.lines.length ? <span className="font-mono text-xs">{p.lines.join(", ")}</span> : <span className="text-slate-500">All lines</span>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </div>
      </Section>
    </div>
  );
}
