import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/shell/page-header";
import { Badge, Card, CardBody, CardHeader, EmptyState, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { api, orNotFound } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "Advertiser" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function AdvertiserPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const advertiser = await orNotFound(api.advertisers.byId({ id }));
  return (
    <>
      <PageHeader title={advertiser.name} description={`Handle ${advertiser.slug} · billed in ${advertiser.currency}`} />
      <Card>
        <CardHeader title="People with access" description="Users who sign in on behalf of this advertiser." />
        {advertiser.users.length === 0 ? (
          <CardBody>
            <EmptyState title="No users yet" description="An administrator can invite users and bind them to this advertiser." />
          </CardBody>
        ) : (
          <Table>
            <THead>
              <TR>
                <TH>Name</TH>
                <TH>Email</TH>
                <TH>Status</TH>
              </TR>
            </THead>
            <TBody>
              {advertiser.users.map((u) => (
                <TR key={u.id}>
                  <TD className="font-medium">{u.name}</TD>
                  <TD>{u.email}</TD>
                  <TD>{u.disabledAt ? <Badge tone="red">Disabled</Badge> : <Badge tone="green">Active</Badge>}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </>
  );
}
