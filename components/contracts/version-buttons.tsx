"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { Button, ConfirmDialog, type ButtonVariant } from "../ui";
import { versionLabel } from "./format";

/** OPS sends a saved draft to finance. `revision` is the one on screen: a newer save elsewhere is refused as stale. */
export function SubmitVersionButton({ versionId, number, revision, variant }: { versionId: string; number: number; revision: number; variant?: ButtonVariant }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const submit = api.contracts.submitVersion.useMutation();
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        Submit for approval
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Submit ${versionLabel(number)} for approval?`}
        confirmLabel="Submit for approval"
        onConfirm={async () => {
          await submit.mutateAsync({ versionId, revision });
          router.refresh();
        }}
      >
        Finance is notified. The version cannot be edited while it waits, unless you withdraw it.
      </ConfirmDialog>
    </>
  );
}

/** OPS takes a pending version back to draft (e.g. to fix something a reviewer pointed out before deciding). */
export function WithdrawVersionButton({ versionId, number }: { versionId: string; number: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const withdraw = api.contracts.withdrawVersion.useMutation();
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Withdraw {versionLabel(number)}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        title={`Withdraw ${versionLabel(number)}?`}
        confirmLabel="Withdraw"
        onConfirm={async () => {
          await withdraw.mutateAsync({ versionId });
          router.refresh();
        }}
      >
        It leaves the approval queue and becomes an editable draft again; approvals already given are set aside.
      </ConfirmDialog>
    </>
  );
}
