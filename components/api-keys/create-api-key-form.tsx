"use client";
import { useRouter } from "next/navigation";
import { api, type RouterInputs } from "@/app/_trpc/react";
import { AdvertiserSelect } from "../advertisers/advertiser-select";
import { useFieldErrors } from "../forms/use-field-errors";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input } from "../ui";
import { NewKeyNotice } from "./new-key-notice";
import { ScopeCheckboxes } from "./scope-checkboxes";

type Scope = RouterInputs["apiKeys"]["create"]["scopes"][number];

export function CreateApiKeyForm({ id, scopes }: { id?: string; scopes: string[] }) {
  const router = useRouter();
  const create = api.apiKeys.create.useMutation({ onSuccess: () => router.refresh() });
  const { fieldError, formError } = useFieldErrors(create.error);

  return (
    <Card id={id} className="scroll-mt-6">
      <CardHeader title="New API key" description="One key per machine client of the REST API." />
      <CardBody>
        {create.data ? (
          // reset() forgets the mutation result, and with it the only copy of the secret in the browser.
          <NewKeyNotice name={create.data.key.name} plaintext={create.data.plaintext} onDone={() => create.reset()} />
        ) : (
          <form
            // One column in a side panel, three across a full-width card.
            className="grid gap-4 @container"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              create.mutate({
                name: String(form.get("name")),
                scopes: form.getAll("scopes").map(String) as Scope[],
                advertiserId: (form.get("advertiserId") as string | null) || null,
              });
            }}
          >
            {formError && <Alert tone="error">{formError}</Alert>}
            <div className="grid items-start gap-4 @4xl:grid-cols-3">
              <Field label="Name" hint="Who uses it, e.g. “Ad server delivery feed”." error={fieldError("name")}>
                <Input name="name" required minLength={2} maxLength={80} autoComplete="off" />
              </Field>
              <ScopeCheckboxes scopes={scopes} error={fieldError("scopes")} />
              <AdvertiserSelect
                name="advertiserId"
                label="Advertiser binding"
                emptyLabel="All advertisers"
                hint="Bind the key to one advertiser to limit it to that account's data."
                error={fieldError("advertiserId")}
              />
            </div>
            <div>
              <Button type="submit" loading={create.isPending}>
                Create key
              </Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
