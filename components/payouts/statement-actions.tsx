"use client";
// Finance moves a statement along DRAFT → APPROVED → PAID. Approval freezes it, so it asks first; marking it paid
// needs the payment's reference. A refusal (someone else got there first) is shown as the server words it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { todayIso } from "@/server/domain/contracts/dates";
import type { PayoutStatus } from "@/server/domain/payouts/payout-statement";
import { FormDialog } from "../contracts/form-dialog";
import { useFieldErrors } from "../forms/use-field-errors";
import { Button, ConfirmDialog, Field, Input } from "../ui";

export function StatementActions({ id, status, summary }: { id: string; status: PayoutStatus; summary: string }) {
  const router = useRouter();
  const [open, setOpen] = useState<"approve" | "pay" | null>(null);
  const close = () => setOpen(null);
  const approve = api.payouts.approve.useMutation({ onSettled: () => router.refresh() });
  const markPaid = api.payouts.markPaid.useMutation({
    onSuccess: () => {
      close();
      router.refresh();
    },
  });
  const { fieldError } = useFieldErrors(markPaid.error);

  if (status === "PAID") return null;
  return (
    <>
      {status === "DRAFT" && <Button onClick={() => setOpen("approve")}>Approve…</Button>}
      {status === "APPROVED" && (
        <Button
          onClick={() => {
            markPaid.reset();
            setOpen("pay");
          }}
        >
          Mark paid…
        </Button>
      )}
      <ConfirmDialog
        open={open === "approve"}
        onClose={close}
        onConfirm={() => approve.mutateAsync({ id }).then(() => undefined)}
        title={`Approve ${summary}?`}
        confirmLabel="Approve"
      >
        Approving freezes the statement: a redraft of the month leaves it as it is, and its lines and total can no longer change.
      </ConfirmDialog>
      {open === "pay" && (
        <FormDialog
          title={`Mark ${summary} paid`}
          description="Record the payment once the money has been sent. This is the statement's last step."
          submitLabel="Mark paid"
          pending={markPaid.isPending}
          error={markPaid.error}
          onClose={close}
          onSubmit={(form) => markPaid.mutate({ id, reference: String(form.get("reference")), paidOn: String(form.get("paidOn")) || undefined })}
        >
          <Field label="Payment reference" hint="The bank transfer or payment provider's reference, at least 3 characters." error={fieldError("reference")}>
            <Input name="reference" required maxLength={120} autoComplete="off" />
          </Field>
          <Field label="Paid on" hint="Optional: the day the payment went out; today if left empty." error={fieldError("paidOn")}>
            <Input name="paidOn" type="date" max={todayIso()} />
          </Field>
        </FormDialog>
      )}
    </>
  );
}
