import type { Metadata } from "next";
import { ApiKeyTable } from "@/components/api-keys/api-key-table";
import { CreateApiKeyForm } from "@/components/api-keys/create-api-key-form";
import { PageHeader } from "@/components/shell/page-header";
import { buttonClasses, Card } from "@/components/ui";
import { api } from "@/app/_trpc/server";
import { requireUser } from "@/server/auth/session";

export const metadata: Metadata = { title: "API keys" };

const NEW_KEY_ID = "new-api-key";

export default async function ApiKeysPage() {
  await requireUser("ADMIN");
  const [keys, scopes] = await Promise.all([api.apiKeys.list(), api.apiKeys.scopes()]);
  const active = keys.filter((k) => !k.revokedAt).length;
  return (
    <>
      <PageHeader
        title="API keys"
        description={`${active} active key${active === 1 ? "" : "s"} for machine clients of the REST API.`}
        actions={<a href={`#${NEW_KEY_ID}`} className={buttonClasses()}>New API key</a>}
      />
      <div className="grid grid-cols-1 items-start gap-6 2xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Card>
          <ApiKeyTable keys={keys} />
        </Card>
        <CreateApiKeyForm id={NEW_KEY_ID} scopes={scopes} />
      </div>
    </>
  );
}
