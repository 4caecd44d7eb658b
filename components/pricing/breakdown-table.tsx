"use client";
// The breakdown as a table: the exact figures behind the amount, and the accessible source for the chart. Each
// kind of breakdown item has its own columns, declared once below.
import type { ReactNode } from "react";
import type { BreakdownItem } from "@/server/domain/pricing/engine";
import { Table, TBody, TD, TH, THead, TR } from "../ui";
import { formatPercent, formatQuantity } from "../contracts/format";
import { formatExactMoney, formatTierRange } from "./format";

type Kind = BreakdownItem["kind"];
type ItemOf<K extends Kind> = Extract<BreakdownItem, { kind: K }>;

interface Column<T> {
  header: string;
  numeric?: boolean;
  cell: (item: T, currency: string) => ReactNode;
}

const amount: Column<BreakdownItem> = { header: "Amount", numeric: true, cell: (item, currency) => formatExactMoney(item.amount, currency) };

const CLAMP_LABELS = { min: "Raised to the minimum", max: "Capped at the maximum" } as const;

const COLUMNS: { [K in Kind]: Column<ItemOf<K>>[] } = {
  units: [
    { header: "Units", numeric: true, cell: (i) => formatQuantity(i.units) },
    { header: "Unit price", numeric: true, cell: (i, c) => formatExactMoney(i.unitPrice, c) },
    amount,
  ],
  perMille: [
    { header: "Units", numeric: true, cell: (i) => formatQuantity(i.units) },
    { header: "Rate per 1,000", numeric: true, cell: (i, c) => formatExactMoney(i.ratePerThousand, c) },
    amount,
  ],
  tier: [
    { header: "Tier", cell: (i) => `Tier ${i.tier}` },
    { header: "Range", cell: (i) => formatTierRange(i.from, i.upTo) },
    { header: "Units", numeric: true, cell: (i) => formatQuantity(i.units) },
    { header: "Price / rate", numeric: true, cell: (i, c) => (i.rate !== undefined ? formatPercent(i.rate) : formatExactMoney(i.unitPrice ?? "0", c)) },
    { header: "Flat fee", numeric: true, cell: (i, c) => formatExactMoney(i.flatFee, c) },
    amount,
  ],
  package: [
    { header: "Units", numeric: true, cell: (i) => formatQuantity(i.units) },
    { header: "Free", numeric: true, cell: (i) => formatQuantity(i.freeUnits) },
    { header: "Billable", numeric: true, cell: (i) => formatQuantity(i.billableUnits) },
    { header: "Packages", numeric: true, cell: (i) => `${formatQuantity(i.packages)} × ${formatQuantity(i.packageSize)}` },
    { header: "Package price", numeric: true, cell: (i, c) => formatExactMoney(i.packagePrice, c) },
    amount,
  ],
  event: [
    { header: "Event", cell: (i) => `Event ${i.index}` },
    { header: "Value", numeric: true, cell: (i) => formatQuantity(i.value) },
    { header: "Free", numeric: true, cell: (i) => formatQuantity(i.freeUnits) },
    { header: "Charged", numeric: true, cell: (i) => formatQuantity(i.chargedUnits) },
    { header: "Fixed fee", numeric: true, cell: (i, c) => formatExactMoney(i.fixedFee, c) },
    { header: "Clamp", cell: (i) => (i.clampedTo ? CLAMP_LABELS[i.clampedTo] : <span className="text-slate-400">—</span>) },
    amount,
  ],
};

export function BreakdownTable({ breakdown, currency, caption }: { breakdown: BreakdownItem[]; currency: string; caption: string }) {
  if (breakdown.length === 0) return <p className="text-sm text-slate-500">Nothing to break down: no events were priced.</p>;
  // A breakdown holds items of one kind, so the first item's columns fit every row.
  const columns = COLUMNS[breakdown[0].kind] as Column<BreakdownItem>[];
  return (
    <div className="rounded-md border border-slate-200">
      <Table>
        <caption className="sr-only">{caption}</caption>
        <THead>
          <TR>
            {columns.map((c) => (
              <TH key={c.header} numeric={c.numeric}>
                {c.header}
              </TH>
            ))}
          </TR>
        </THead>
        <TBody>
          {breakdown.map((item, row) => (
            <TR key={row}>
              {columns.map((c) => (
                <TD key={c.header} numeric={c.numeric} className="whitespace-nowrap">
                  {c.cell(item, currency)}
                </TD>
              ))}
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
