"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { useFieldErrors } from "../forms/use-field-errors";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input } from "../ui";

export function CreateAdvertiserForm() {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  const create = api.advertisers.create.useMutation({
    onSuccess(advertiser, _vars) {
      setCreated(advertiser.name);
      router.refresh();
    },
  });
  const { fieldError, formError } = useFieldErrors(create.error);

  return (
    <Card>
      <CardHeader title="New advertiser" />
      <CardBody>
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            setCreated(null);
            create.mutate(
              { name: String(form.get("name")), slug: String(form.get("slug")), currency: String(form.get("currency")) },
              { onSuccess: () => (e.target as HTMLFormElement).reset() },
            );
          }}
        >
          {formError && <Alert tone="error">{formError}</Alert>}
          {created && <Alert tone="success">{created} was created.</Alert>}
          <Field label="Name" error={fieldError("name")}>
            <Input name="name" required maxLength={120} />
          </Field>
          <Field label="Handle" hint="Lower-case letters, digits and dashes" error={fieldError("slug")}>
            <Input name="slug" required pattern="[a-z0-9-]{2,40}" />
          </Field>
          <Field label="Currency" hint="ISO 4217, e.g. USD" error={fieldError("currency")}>
            <Input name="currency" required defaultValue="USD" maxLength={3} />
          </Field>
          <Button type="submit" loading={create.isPending}>
            Create advertiser
          </Button>
        </form>
      </CardBody>
    </Card>
  );
}
