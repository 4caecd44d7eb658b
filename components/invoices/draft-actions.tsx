"use client";
// Finance prepares a draft before issuing it: regenerate it from today's data (manual lines are kept), add a manual
// line with its reason, remove one. Each writes the draft again on the server; the page then shows the new lines,
// total and flags. Field messages come from the server.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { FormDialog } from "../contracts/form-dialog";
import { useFieldErrors } from "../forms/use-field-errors";
import { Button, ConfirmDialog, Field, Input, Textarea } from "../ui";

export function DraftActions({ id, summary, currency }: { id: string; summary: string; currency: string }) {
  const router = useRouter();
  const [open, setOpen] = useState<"regenerate" | "add" | null>(null);
  const regenerate = api.invoices.regenerate.useMutation({ onSuccess: () => router.refresh() });
  const add = api.invoices.addManualLine.useMutation({ onSuccess: () => (setOpen(null), router.refresh()) });
  const addErrors = useFieldErrors(add.error);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen("regenerate")}>
        Regenerate…
      </Button>
      <Button variant="secondary" onClick={() => (add.reset(), setOpen("add"))}>
        Add line…
      </Button>
      <ConfirmDialog
        open={open === "regenerate"}
        onClose={() => setOpen(null)}
        onConfirm={() => regenerate.mutateAsync({ id }).then(() => undefined)}
        title={`Regenerate ${summary}?`}
        confirmLabel="Regenerate draft"
      >
        The draft is priced again from today&apos;s terms, rate cards, delivery and approved conversions, and its flags are checked again. Manual lines are kept.
      </ConfirmDialog>
      {open === "add" && (
        <FormDialog
          title={`Add a line to ${summary}`}
          description="An amount entered by hand, billed as it is (negative for a discount). The draft is flagged for review and the reason is kept with the line."
          submitLabel="Add line"
          pending={add.isPending}
          error={add.error}
          onClose={() => setOpen(null)}
          onSubmit={(form) => add.mutate({ id, description: String(form.get("description")), amount: String(form.get("amount")), reason: String(form.get("reason")) })}
        >
          <Field label="Description" hint="As the advertiser will read it on the invoice." error={addErrors.fieldError("description")}>
            <Input name="description" required minLength={3} maxLength={200} autoComplete="off" />
          </Field>
          <Field label={`Amount (${currency})`} error={addErrors.fieldError("amount")}>
            <Input name="amount" required inputMode="decimal" autoComplete="off" />
          </Field>
          <Field label="Reason" hint="Why it is added by hand; finance and auditors see it." error={addErrors.fieldError("reason")}>
            <Textarea name="reason" required minLength={5} maxLength={500} />
          </Field>
        </FormDialog>
      )}
    </>
  );
}

export function RemoveManualLineButton({ id, lineId, description }: { id: string; lineId: string; description: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = api.invoices.removeManualLine.useMutation({ onSuccess: () => router.refresh() });
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Remove ${description}`}>
        Remove
      </Button>
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={() => remove.mutateAsync({ id, lineId }).then(() => undefined)} title={`Remove “${description}”?`} confirmLabel="Remove line" tone="danger">
        The manual line is taken off the draft and the total is worked out again.
      </ConfirmDialog>
    </>
  );
}
