"use client";
// OPS edits an open version in place: its terms, plus the header while the contract is still a draft, or the
// effective date and reason of an amendment. Saves name the revision they were based on; if someone else saved
// in between, the server refuses and this shows who changed what, with a way to reload their version.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import type { ContractTerms } from "@/server/domain/contracts/terms";
import type { VersionStatus } from "@/server/domain/contracts/version-lifecycle";
import { UtcTime } from "../audit/utc-time";
import { Alert, Button, Card, CardBody, CardHeader, Input, Textarea } from "../ui";
import { ContractHeaderFields, type ContractHeaderDraft } from "./contract-header-fields";
import { EditorActionBar } from "./editor-action-bar";
import { ErrorSummary, FocusOnArrival } from "./error-summary";
import { errorScope, type ShapedError } from "./form-errors";
import { ScopedField } from "./terms-editor/inputs";
import { TermsEditor } from "./terms-editor/terms-editor";

export interface VersionEditorProps {
  version: { id: string; number: number; kind: "ORIGINAL" | "AMENDMENT" | "RENEWAL"; status: VersionStatus; revision: number; effectiveFrom: string; reason: string | null; terms: ContractTerms; updatedAt: Date };
  currency: string;
  /** The contract header, when it is still editable (the original version of a draft contract). */
  header: ContractHeaderDraft | null;
  today: string;
}

function StaleAlert({ error, onReload }: { error: ShapedError; onReload: () => void }) {
  const changes = (error.data?.details?.changes as string[] | undefined) ?? [];
  return (
    // Saves happen from the bar at the bottom; bring the news to where the user is.
    <FocusOnArrival trigger={error}>
      <Alert tone="warning" title="Someone else changed this version">
        <p>{error.message}</p>
        {changes.length > 0 && (
          <>
            <p className="mt-2 font-medium">Their changes:</p>
            <ul className="list-disc pl-5">
              {changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        )}
        <p className="mt-2">Reloading shows their version; your unsaved edits here are discarded.</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={onReload}>
          Reload
        </Button>
      </Alert>
    </FocusOnArrival>
  );
}

export function VersionEditor({ version, currency, header: savedHeader, today }: VersionEditorProps) {
  const router = useRouter();
  const [terms, setTerms] = useState(version.terms);
  const [header, setHeader] = useState(savedHeader);
  const [effectiveFrom, setEffectiveFrom] = useState(version.effectiveFrom);
  const [reason, setReason] = useState(version.reason ?? "");
  const edit = api.contracts.editVersion.useMutation();
  const submit = api.contracts.submitVersion.useMutation();
  const [busy, setBusy] = useState<"save" | "submit" | null>(null);
  const error = edit.error ?? submit.error;
  const stale = error?.data?.appCode === "VERSION_STALE";
  const scope = errorScope(error?.data?.fieldErrors);
  const isAmendment = version.kind === "AMENDMENT";
  const dirty =
    JSON.stringify(terms) !== JSON.stringify(version.terms) ||
    JSON.stringify(header) !== JSON.stringify(savedHeader) ||
    effectiveFrom !== version.effectiveFrom ||
    reason !== (version.reason ?? "");

  async function save(andSubmit: boolean) {
    setBusy(andSubmit ? "submit" : "save");
    edit.reset();
    submit.reset();
    try {
      let revision = version.revision;
      if (dirty || version.status === "REJECTED") {
        const saved = await edit.mutateAsync({
          versionId: version.id,
          revision,
          terms,
          ...(header ? { header } : {}),
          ...(isAmendment ? { effectiveFrom } : {}),
          ...(version.kind !== "ORIGINAL" ? { reason } : {}),
        });
        revision = saved.revision;
      }
      if (andSubmit) await submit.mutateAsync({ versionId: version.id, revision });
      // The page re-renders with the saved revision, which remounts this editor from what the server holds.
      router.refresh();
    } catch {
      // Shown from the mutation's error state.
    } finally {
      setBusy(null);
    }
  }

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        // Both buttons submit the form, so the browser checks required fields and ranges before either runs.
        void save((e.nativeEvent as SubmitEvent).submitter?.dataset.action === "submit");
      }}
    >
      {stale && error ? <StaleAlert error={error} onReload={() => router.refresh()} /> : <ErrorSummary error={error} />}
      {header && (
        <Card>
          <CardHeader title="Contract" description="The header can change until the contract is first approved." />
          <CardBody>
            <ContractHeaderFields value={header} onChange={setHeader} scope={scope.at("header")} />
          </CardBody>
        </Card>
      )}
      {version.kind !== "ORIGINAL" && (
        <Card>
          <CardHeader title={isAmendment ? "Amendment" : "Renewal"} />
          <CardBody className="grid gap-4 sm:grid-cols-[14rem_minmax(0,1fr)]">
            {isAmendment ? (
              <ScopedField scope={scope.at("effectiveFrom")} label="Effective from" hint="Today or later.">
                <Input type="date" required min={today} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} />
              </ScopedField>
            ) : (
              <div className="text-sm">
                <p className="font-medium text-slate-800">Effective from</p>
                <p className="mt-2 tabular-nums">{version.effectiveFrom}</p>
              </div>
            )}
            <ScopedField scope={scope.at("reason")} label="Reason" hint="Shown with the version, to finance and to the advertiser.">
              <Textarea maxLength={500} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </ScopedField>
          </CardBody>
        </Card>
      )}
      <TermsEditor value={terms} onChange={setTerms} scope={scope.at("terms")} currency={currency} />
      <EditorActionBar
        status={
          dirty ? (
            "Unsaved changes"
          ) : (
            <>
              Revision {version.revision}, saved <UtcTime value={version.updatedAt} /> UTC
            </>
          )
        }
      >
        <Button type="submit" variant="secondary" loading={busy === "save"} disabled={busy !== null || (!dirty && version.status === "DRAFT")}>
          Save draft
        </Button>
        <Button type="submit" data-action="submit" loading={busy === "submit"} disabled={busy !== null}>
          {dirty || version.status === "REJECTED" ? "Save and submit for approval" : "Submit for approval"}
        </Button>
      </EditorActionBar>
    </form>
  );
}
