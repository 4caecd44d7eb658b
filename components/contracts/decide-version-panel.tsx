"use client";
// FINANCE decides a pending version: approve (optionally backdating an amendment, with a reason) or reject with
// a comment the author will read. Shows why the current user cannot decide when they cannot.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { addDays } from "@/server/domain/contracts/dates";
import { Alert, Button, Card, CardBody, CardHeader, Field, Input, Textarea } from "../ui";
import { ErrorSummary } from "./error-summary";
import { errorScope } from "./form-errors";
import { Checkbox, ScopedField } from "./terms-editor/inputs";

export interface DecideVersionPanelProps {
  version: { id: string; kind: "ORIGINAL" | "AMENDMENT" | "RENEWAL"; effectiveFrom: string };
  contractTermStart: string;
  approvals: number;
  requiredApprovals: number;
  /** Why this user may not decide (their own version, already approved by them); null when they may. */
  blockedReason: string | null;
}

const REJECT_NEEDS_COMMENT = "Say why it is rejected: the author will see this";

export function DecideVersionPanel({ version, contractTermStart, approvals, requiredApprovals, blockedReason }: DecideVersionPanelProps) {
  const router = useRouter();
  const [backdate, setBackdate] = useState(false);
  const [missingComment, setMissingComment] = useState(false);
  const decide = api.contracts.decideVersion.useMutation({ onSuccess: () => router.refresh() });
  const scope = errorScope(decide.error?.data?.fieldErrors);
  const commentErrors = missingComment ? [REJECT_NEEDS_COMMENT] : scope.at("comment").messages;
  const progress = requiredApprovals > 1 ? `${approvals} of ${requiredApprovals} approvals` : null;
  const latestBackdate = addDays(version.effectiveFrom, -1);
  // Only an amendment can move earlier, and only while the earlier date stays inside the term.
  const canBackdate = version.kind === "AMENDMENT" && latestBackdate >= contractTermStart;

  return (
    <Card>
      <CardHeader
        title="Your decision"
        description={requiredApprovals > 1 ? "Its committed value is above the threshold: two different finance approvers are needed." : "One finance approval makes it final."}
        actions={progress && <span className="text-sm font-medium text-slate-700 tabular-nums">{progress}</span>}
      />
      <CardBody>
        {blockedReason ? (
          <Alert tone="info">{blockedReason}</Alert>
        ) : (
          <form
            className="space-y-4"
            onSubmit={(e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const decision = (e.nativeEvent as SubmitEvent).submitter?.dataset.decision === "REJECT" ? "REJECT" : "APPROVE";
              const comment = String(form.get("comment") ?? "").trim();
              if (decision === "REJECT" && !comment) {
                setMissingComment(true);
                document.getElementById(scope.at("comment").id)?.focus();
                return;
              }
              setMissingComment(false);
              decide.mutate({
                versionId: version.id,
                decision,
                comment: comment || undefined,
                ...(decision === "APPROVE" && canBackdate && backdate ? { backdateTo: String(form.get("backdateTo")), backdateReason: String(form.get("backdateReason")).trim() } : {}),
              });
            }}
          >
            <ErrorSummary error={decide.error} />
            <Field id={scope.at("comment").id} label="Comment" hint="Required to reject. The author reads it; the advertiser never does." error={commentErrors}>
              <Textarea name="comment" rows={3} maxLength={2000} onChange={() => setMissingComment(false)} />
            </Field>
            {canBackdate && (
              <div className="space-y-3">
                <Checkbox label="Backdate the effective date" hint={`Proposed: from ${version.effectiveFrom}. A backdated amendment needs a reason.`} checked={backdate} onChange={setBackdate} />
                {backdate && (
                  <div className="grid gap-4 sm:grid-cols-[12rem_minmax(0,1fr)]">
                    <ScopedField scope={scope.at("backdateTo")} label="Backdate to">
                      <Input name="backdateTo" type="date" required min={contractTermStart} max={latestBackdate} defaultValue={latestBackdate} />
                    </ScopedField>
                    <ScopedField scope={scope.at("backdateReason")} label="Reason for backdating">
                      <Input name="backdateReason" required maxLength={500} />
                    </ScopedField>
                  </div>
                )}
              </div>
            )}
            <div className="flex flex-wrap gap-2">
              <Button type="submit" data-decision="APPROVE" loading={decide.isPending && decide.variables?.decision === "APPROVE"} disabled={decide.isPending}>
                Approve
              </Button>
              <Button type="submit" data-decision="REJECT" formNoValidate variant="danger" loading={decide.isPending && decide.variables?.decision === "REJECT"} disabled={decide.isPending}>
                Reject
              </Button>
            </div>
          </form>
        )}
      </CardBody>
    </Card>
  );
}
