import Link from "next/link";
import { None } from "../contracts/detail-list";
import { Table, TBody, TD, TH, THead, TR } from "../ui";
import { payoutInWords, type PartnerPayout } from "./payout-in-words";

export interface PartnerListItem {
  id: string;
  key: string;
  name: string;
  defaultPayout: PartnerPayout | null;
  email: string | null;
}

export function PartnerTable({ partners, canEdit }: { partners: PartnerListItem[]; canEdit: boolean }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>Partner</TH>
          <TH>Key</TH>
          <TH>Default payout</TH>
          <TH>E-mail</TH>
          {canEdit && (
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          )}
        </TR>
      </THead>
      <TBody>
        {partners.map((p) => (
          <TR key={p.id}>
            <TD>
              <Link href={`/partners/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                {p.name}
              </Link>
            </TD>
            <TD className="font-mono text-xs">{p.key}</TD>
            <TD className={p.defaultPayout ? undefined : "text-slate-500"}>{payoutInWords(p.defaultPayout)}</TD>
            <TD>{p.email ? <a href={`mailto:${p.email}`} className="text-slate-700 hover:underline">{p.email}</a> : <None />}</TD>
            {canEdit && (
              <TD className="text-right">
                <Link href={`/partners/${p.id}`} className="text-sm font-medium text-indigo-700 hover:underline" aria-label={`Edit ${p.name}`}>
                  Edit
                </Link>
              </TD>
            )}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
