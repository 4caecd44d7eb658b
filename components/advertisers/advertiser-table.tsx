import Link from "next/link";
import { EmptyState, Table, TBody, TD, TH, THead, TR } from "../ui";

export interface AdvertiserRow {
  id: string;
  name: string;
  slug: string;
  currency: string;
  userCount: number;
}

export function AdvertiserTable({ items }: { items: AdvertiserRow[] }) {
  if (items.length === 0) return <EmptyState title="No advertisers" description="Create the first advertiser account to get started." />;
  return (
    <Table>
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>Handle</TH>
          <TH>Currency</TH>
          <TH numeric>Users</TH>
        </TR>
      </THead>
      <TBody>
        {items.map((a) => (
          <TR key={a.id}>
            <TD>
              <Link href={`/advertisers/${a.id}`} className="font-medium text-indigo-700 hover:underline">
                {a.name}
              </Link>
            </TD>
            <TD className="text-slate-500">{a.slug}</TD>
            <TD>{a.currency}</TD>
            <TD numeric>{a.userCount}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
