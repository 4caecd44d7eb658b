import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { Table, TBody, TD, TH, THead, TR } from "../ui";
import { versionLabel } from "../contracts/format";
import { None } from "../contracts/detail-list";
import { versionFrom } from "./format";

type RateCardRow = RouterOutputs["rateCards"]["list"][number];

export function RateCardTable({ cards }: { cards: RateCardRow[] }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Rate card</TH>
          <TH>In force today</TH>
          <TH>Next version</TH>
          <TH numeric>Entries</TH>
          <TH numeric>Versions</TH>
        </TR>
      </THead>
      <TBody>
        {cards.map((card) => (
          <TR key={card.id}>
            <TD>
              <Link href={`/rate-cards/${card.id}`} className="font-medium text-indigo-700 hover:underline">
                {card.name}
              </Link>
              {card.description && <div className="text-slate-600">{card.description}</div>}
            </TD>
            <TD className="whitespace-nowrap">{card.inForceVersion === null ? <span className="text-slate-500">Not yet</span> : versionLabel(card.inForceVersion)}</TD>
            <TD className="whitespace-nowrap tabular-nums">{card.nextVersion ? versionFrom(card.nextVersion) : <None />}</TD>
            <TD numeric>{card.entryCount}</TD>
            <TD numeric>{card.versionCount}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
