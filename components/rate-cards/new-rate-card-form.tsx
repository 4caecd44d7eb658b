"use client";
// OPS opens a rate card: its name and description, and its first version.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { Card, CardBody, CardHeader, Textarea } from "../ui";
import { errorScope } from "../contracts/form-errors";
import { ScopedField, TextInput } from "../contracts/terms-editor/inputs";
import { EditorForm } from "./editor-form";
import { newRateCardEntry } from "./entries-editor";
import { VersionFields, versionRequest, type VersionDraft } from "./version-fields";

export function NewRateCardForm({ today }: { today: string }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [version, setVersion] = useState<VersionDraft>(() => ({ effectiveFrom: today, entries: [newRateCardEntry()], note: "" }));
  const create = api.rateCards.create.useMutation({ onSuccess: ({ id }) => router.push(`/rate-cards/${id}`) });
  const scope = errorScope(create.error?.data?.fieldErrors);

  return (
    <EditorForm
      onSubmit={() => create.mutate({ name, description: description.trim() || undefined, ...versionRequest(version) })}
      error={create.error}
      pending={create.isPending || create.isSuccess}
      submitLabel="Create rate card"
      cancelHref="/rate-cards"
      status="Published as version 1; later prices are new versions."
    >
      <Card>
        <CardHeader title="Rate card" description="Contract lines refer to the card by its name." />
        <CardBody className="grid gap-4 sm:grid-cols-[20rem_minmax(0,1fr)]">
          <ScopedField scope={scope.at("name")} label="Name">
            <TextInput required minLength={2} maxLength={80} value={name} onChange={setName} />
          </ScopedField>
          <ScopedField scope={scope.at("description")} label="Description" hint="Optional: what it prices and for whom.">
            <Textarea maxLength={500} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          </ScopedField>
        </CardBody>
      </Card>
      <VersionFields value={version} onChange={setVersion} scope={scope} dateHint="The day these prices start to apply." />
    </EditorForm>
  );
}
