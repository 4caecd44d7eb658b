"use client";
// What the signed-in role may do to a contract from its page: OPS works the open version (submit, withdraw) or
// proposes an amendment; FINANCE terminates. The server enforces all of it; these only offer what applies.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import type { Role } from "@/server/db/generated/enums";
import type { VersionStatus } from "@/server/domain/contracts/version-lifecycle";
import { Button, buttonClasses, Input, Textarea } from "../ui";
import { errorScope } from "./form-errors";
import { FormDialog } from "./form-dialog";
import { versionLabel } from "./format";
import { ScopedField } from "./terms-editor/inputs";
import { SubmitVersionButton, WithdrawVersionButton } from "./version-buttons";

export interface ContractActionsProps {
  role: Role;
  today: string;
  /** The first day an amendment may take effect: today, the term start, or the latest approved version's date. */
  earliestAmendment: string;
  contract: { id: string; number: string; status: string; termStart: string; termEnd: string };
  openVersion: { id: string; number: number; status: VersionStatus; revision: number } | null;
}

type Open = "amend" | "terminate" | null;

export function ContractActions({ role, today, earliestAmendment, contract, openVersion }: ContractActionsProps) {
  const router = useRouter();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const versionHref = openVersion && `/contracts/${contract.id}/versions/${openVersion.id}`;
  const amend = api.contracts.proposeAmendment.useMutation({ onSuccess: (v) => router.push(`/contracts/${contract.id}/versions/${v.id}`) });
  const terminate = api.contracts.terminate.useMutation({
    onSuccess: () => {
      close();
      router.refresh();
    },
  });

  return (
    <>
      {role === "OPS" && openVersion && versionHref && (
        <>
          {openVersion.status === "DRAFT" && (
            <>
              <Link href={versionHref} className={buttonClasses({ variant: "secondary" })}>
                Edit draft
              </Link>
              <SubmitVersionButton versionId={openVersion.id} number={openVersion.number} revision={openVersion.revision} />
            </>
          )}
          {openVersion.status === "REJECTED" && (
            <Link href={versionHref} className={buttonClasses()}>
              Revise rejected version
            </Link>
          )}
          {openVersion.status === "PENDING_APPROVAL" && (
            <WithdrawVersionButton versionId={openVersion.id} number={openVersion.number} />
          )}
        </>
      )}
      {role === "OPS" && !openVersion && contract.status === "ACTIVE" && <Button onClick={() => setOpen("amend")}>Propose amendment</Button>}
      {role === "FINANCE" && openVersion?.status === "PENDING_APPROVAL" && versionHref && (
        <Link href={versionHref} className={buttonClasses()}>
          Review {versionLabel(openVersion.number)}
        </Link>
      )}
      {role === "FINANCE" && contract.status === "ACTIVE" && (
        <Button variant="danger" onClick={() => setOpen("terminate")}>
          Terminate
        </Button>
      )}

      {open === "amend" && (
        <FormDialog
          title={`Amend ${contract.number}`}
          description="A new version starting from the terms in force on its effective date. Edit it, then submit it for approval."
          submitLabel="Create amendment draft"
          pending={amend.isPending || amend.isSuccess}
          error={amend.error}
          onClose={() => {
            amend.reset();
            close();
          }}
          onSubmit={(form) => amend.mutate({ contractId: contract.id, effectiveFrom: String(form.get("effectiveFrom")), reason: String(form.get("reason")) })}
        >
          <ScopedField scope={errorScope(amend.error?.data?.fieldErrors).at("effectiveFrom")} label="Effective from" hint={`From ${earliestAmendment} to ${contract.termEnd}; finance may backdate when approving.`}>
            <Input name="effectiveFrom" type="date" required min={earliestAmendment} max={contract.termEnd} defaultValue={earliestAmendment} />
          </ScopedField>
          <ScopedField scope={errorScope(amend.error?.data?.fieldErrors).at("reason")} label="Reason" hint="Shown with the version, to finance and to the advertiser.">
            <Textarea name="reason" required minLength={3} maxLength={500} rows={3} />
          </ScopedField>
        </FormDialog>
      )}

      {open === "terminate" && (
        <FormDialog
          title={`Terminate ${contract.number}?`}
          description="The terms stay in force up to and including the termination date. Versions awaiting approval are closed. This cannot be undone."
          submitLabel="Terminate contract"
          tone="danger"
          pending={terminate.isPending}
          error={terminate.error}
          onClose={() => {
            terminate.reset();
            close();
          }}
          onSubmit={(form) => terminate.mutate({ contractId: contract.id, terminatedOn: String(form.get("terminatedOn")), reason: String(form.get("reason")) })}
        >
          <ScopedField scope={errorScope(terminate.error?.data?.fieldErrors).at("terminatedOn")} label="Last day in force">
            <Input name="terminatedOn" type="date" required min={contract.termStart} max={contract.termEnd} defaultValue={today < contract.termStart ? contract.termStart : today > contract.termEnd ? contract.termEnd : today} />
          </ScopedField>
          <ScopedField scope={errorScope(terminate.error?.data?.fieldErrors).at("reason")} label="Reason" hint="Recorded in the audit log and shown on the contract.">
            <Textarea name="reason" required minLength={3} maxLength={1000} rows={3} />
          </ScopedField>
        </FormDialog>
      )}
    </>
  );
}
