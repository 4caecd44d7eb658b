import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, Table, TBody, TD, TH, THead, TR } from "../ui";
import { RoleBadge } from "./roles";
import { UserRowActions } from "./user-row-actions";

type UserRow = RouterOutputs["users"]["list"]["items"][number];

export function UserTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <Table>
      <THead>
        <TR>
          <TH>User</TH>
          <TH>Role</TH>
          <TH>Advertiser</TH>
          <TH>Status</TH>
          <TH>Last sign-in (UTC)</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {users.map((u) => (
          <TR key={u.id}>
            <TD>
              <div className="font-medium">
                {u.name}
                {u.id === currentUserId && <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span>}
              </div>
              <div className="text-slate-500">{u.email}</div>
            </TD>
            <TD>
              <RoleBadge role={u.role} />
            </TD>
            <TD>
              {u.advertiser ? (
                <Link href={`/advertisers/${u.advertiser.id}`} className="text-indigo-700 hover:underline">
                  {u.advertiser.name}
                </Link>
              ) : (
                <span className="text-slate-500">—</span>
              )}
            </TD>
            <TD>{u.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</TD>
            <TD>
              <UtcTime value={u.lastSignInAt} fallback="Never" />
            </TD>
            <TD>
              <UserRowActions
                user={{ id: u.id, name: u.name, email: u.email, role: u.role, advertiserId: u.advertiserId }}
                disabled={Boolean(u.disabledAt)}
              />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
