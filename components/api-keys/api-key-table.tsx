import Link from "next/link";
import type { RouterOutputs } from "@/app/_trpc/react";
import { UtcTime } from "../audit/utc-time";
import { Badge, EmptyState, Table, TBody, TD, TH, THead, TR } from "../ui";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

type ApiKeyRow = RouterOutputs["apiKeys"]["list"][number];

export function ApiKeyTable({ keys }: { keys: ApiKeyRow[] }) {
  if (keys.length === 0) {
    return <EmptyState title="No API keys yet" description="Create a key for each machine client, with only the scopes it needs." />;
  }
  return (
    <Table>
      <THead>
        <TR>
          <TH>Key</TH>
          <TH>Scopes</TH>
          <TH>Advertiser</TH>
          <TH>Created (UTC)</TH>
          <TH>Last used (UTC)</TH>
          <TH>Status</TH>
        </TR>
      </THead>
      <TBody>
        {keys.map((k) => (
          <TR key={k.id}>
            <TD className="min-w-40">
              <div className="font-medium">{k.name}</div>
              <div className="font-mono text-xs text-slate-500">{k.prefix}</div>
            </TD>
            <TD>
              <div className="flex flex-wrap gap-1">
                {k.scopes.map((s) => (
                  <Badge key={s} tone="indigo" className="font-mono">
                    {s}
                  </Badge>
                ))}
              </div>
            </TD>
            <TD>
              {k.advertiser ? (
                <Link href={`/advertisers/${k.advertiser.id}`} className="text-indigo-700 hover:underline">
                  {k.advertiser.name}
                </Link>
              ) : (
                <span className="whitespace-nowrap text-slate-500">All advertisers</span>
              )}
            </TD>
            <TD>
              <UtcTime value={k.createdAt} />
              <div className="text-xs text-slate-500">by {k.createdBy.email}</div>
            </TD>
            <TD>
              <UtcTime value={k.lastUsedAt} fallback="Never" />
            </TD>
            <TD>
              {k.revokedAt ? (
                <Badge tone="neutral">Revoked</Badge>
              ) : (
                <div className="flex items-center gap-3">
                  <Badge tone="green">Active</Badge>
                  <RevokeApiKeyButton id={k.id} name={k.name} />
                </div>
              )}
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
