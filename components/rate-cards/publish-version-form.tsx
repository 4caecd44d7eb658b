"use client";
// OPS publishes the next version of a rate card, starting from the latest version's entries.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import type { RateCardEntry } from "@/server/domain/pricing/rate-card";
import { versionLabel } from "../contracts/format";
import { errorScope } from "../contracts/form-errors";
import { EditorForm } from "./editor-form";
import { VersionFields, versionRequest, type VersionDraft } from "./version-fields";

export interface PublishVersionFormProps {
  rateCardId: string;
  /** The version the draft starts from: the latest one. */
  basis: { number: number; entries: RateCardEntry[] };
  today: string;
}

export function PublishVersionForm({ rateCardId, basis, today }: PublishVersionFormProps) {
  const router = useRouter();
  const cardHref = `/rate-cards/${rateCardId}`;
  const [version, setVersion] = useState<VersionDraft>(() => ({ effectiveFrom: today, entries: basis.entries, note: "" }));
  const publish = api.rateCards.publishVersion.useMutation({ onSuccess: () => router.push(cardHref) });
  return (
    <EditorForm
      onSubmit={() => publish.mutate({ rateCardId, ...versionRequest(version) })}
      error={publish.error}
      pending={publish.isPending || publish.isSuccess}
      submitLabel={`Publish ${versionLabel(basis.number + 1)}`}
      cancelHref={cardHref}
      status={`${versionLabel(basis.number)} and earlier stay as they are.`}
    >
      <VersionFields value={version} onChange={setVersion} scope={errorScope(publish.error?.data?.fieldErrors)} earliest={today} dateHint={`${today} or later.`} />
    </EditorForm>
  );
}
