"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import type { Role } from "@/server/db/generated/enums";
import { useFieldErrors } from "../forms/use-field-errors";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input } from "../ui";
import { RoleAndAdvertiserFields } from "./role-and-advertiser-fields";

export function CreateUserForm({ id }: { id?: string }) {
  const router = useRouter();
  const [created, setCreated] = useState<string | null>(null);
  // Bumped on success to remount the form: clears the inputs and the role-driven advertiser field together.
  const [formKey, setFormKey] = useState(0);
  const create = api.users.create.useMutation({
    onSuccess(user) {
      setCreated(user.email);
      setFormKey((k) => k + 1);
      router.refresh();
    },
  });
  const { fieldError, formError } = useFieldErrors(create.error);

  return (
    <Card id={id} className="scroll-mt-6">
      <CardHeader title="New user" description="They sign in with this email and the initial password." />
      <CardBody>
        <form
          key={formKey}
          // One column in a side panel, up to three across a full-width card.
          className="grid gap-4 @container"
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            setCreated(null);
            create.mutate({
              name: String(form.get("name")),
              email: String(form.get("email")),
              role: String(form.get("role")) as Role,
              advertiserId: (form.get("advertiserId") as string | null) || null,
              password: String(form.get("password")),
            });
          }}
        >
          {formError && <Alert tone="error">{formError}</Alert>}
          {created && <Alert tone="success">{created} can now sign in.</Alert>}
          <div className="grid items-start gap-4 @xl:grid-cols-2 @4xl:grid-cols-3">
            <Field label="Name" error={fieldError("name")}>
              <Input name="name" required maxLength={120} autoComplete="off" />
            </Field>
            <Field label="Email" error={fieldError("email")}>
              <Input name="email" type="email" required maxLength={254} autoComplete="off" />
            </Field>
            <RoleAndAdvertiserFields fieldError={fieldError} />
            <Field label="Initial password" hint="At least 10 characters. Share it privately." error={fieldError("password")}>
              <Input name="password" type="password" required minLength={10} maxLength={200} autoComplete="new-password" />
            </Field>
          </div>
          <div>
            <Button type="submit" loading={create.isPending}>
              Create user
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
