"use client";
// Finance after issue: record a payment received (amount, date, reference), issue a credit note (amount, reason,
// note), void an invoice nothing was paid on (with a reason), or write off a balance that will not come (uncollectible,
// with a reason). Field messages come from the server; a refusal is
// shown as the server words it.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { todayIso } from "@/server/domain/contracts/dates";
import { CREDIT_REASONS, type InvoiceStatus } from "@/server/domain/invoices/invoice-lifecycle";
import { Dec } from "@/server/domain/money";
import { FormDialog } from "../contracts/form-dialog";
import { useFieldErrors } from "../forms/use-field-errors";
import { Button, Field, Input, Select, Textarea } from "../ui";

export function SettleInvoiceActions({ id, status, balanceDue, creditable, currency, summary }: { id: string; status: InvoiceStatus; balanceDue: string; creditable: string; currency: string; summary: string }) {
  const router = useRouter();
  const [open, setOpen] = useState<"pay" | "credit" | "void" | "uncollectible" | null>(null);
  const done = { onSuccess: () => (setOpen(null), router.refresh()) };
  const pay = api.invoices.recordPayment.useMutation(done);
  const voiding = api.invoices.void.useMutation(done);
  const credit = api.invoices.credit.useMutation(done);
  const writeOff = api.invoices.markUncollectible.useMutation(done);
  const writeOffErrors = useFieldErrors(writeOff.error);
  const creditErrors = useFieldErrors(credit.error);
  const payErrors = useFieldErrors(pay.error);
  const voidErrors = useFieldErrors(voiding.error);
  const payable = status === "ISSUED" || status === "PARTIALLY_PAID";
  const creditableNow = status !== "DRAFT" && status !== "VOID" && new Dec(creditable).greaterThan(0);
  if (!payable && !creditableNow) return null;
  return (
    <>
      {payable && <Button onClick={() => (pay.reset(), setOpen("pay"))}>Record payment…</Button>}
      {creditableNow && (
        <Button variant="secondary" onClick={() => (credit.reset(), setOpen("credit"))}>
          Credit…
        </Button>
      )}
      {status === "ISSUED" && (
        <Button variant="secondary" onClick={() => (voiding.reset(), setOpen("void"))}>
          Void…
        </Button>
      )}
      {payable && (
        <Button variant="secondary" onClick={() => (writeOff.reset(), setOpen("uncollectible"))}>
          Uncollectible…
        </Button>
      )}
      {open === "uncollectible" && (
        <FormDialog
          title={`Write off ${summary} as uncollectible?`}
          description={`The balance due of ${balanceDue} ${currency} is no longer expected. This is final: no payment can be recorded on it afterwards, and it leaves receivables aging.`}
          submitLabel="Mark uncollectible"
          tone="danger"
          pending={writeOff.isPending}
          error={writeOff.error}
          onClose={() => setOpen(null)}
          onSubmit={(form) => writeOff.mutate({ id, reason: String(form.get("reason")) })}
        >
          <Field label="Reason" error={writeOffErrors.fieldError("reason")}>
            <Textarea name="reason" required minLength={5} maxLength={500} />
          </Field>
        </FormDialog>
      )}
      {open === "pay" && (
        <FormDialog
          title={`Record a payment on ${summary}`}
          description={`Balance due: ${balanceDue} ${currency}. A payment can never exceed it.`}
          submitLabel="Record payment"
          pending={pay.isPending}
          error={pay.error}
          onClose={() => setOpen(null)}
          onSubmit={(form) => pay.mutate({ id, amount: String(form.get("amount")), receivedOn: String(form.get("receivedOn")), reference: String(form.get("reference")) })}
        >
          <Field label={`Amount (${currency})`} error={payErrors.fieldError("amount")}>
            <Input name="amount" required inputMode="decimal" defaultValue={balanceDue} autoComplete="off" />
          </Field>
          <Field label="Received on" error={payErrors.fieldError("receivedOn")}>
            <Input name="receivedOn" type="date" required max={todayIso()} defaultValue={todayIso()} />
          </Field>
          <Field label="Reference" hint="The bank transfer's reference, at least 3 characters." error={payErrors.fieldError("reference")}>
            <Input name="reference" required maxLength={120} autoComplete="off" />
          </Field>
        </FormDialog>
      )}
      {open === "credit" && (
        <FormDialog
          title={`Credit note on ${summary}`}
          description={`Up to ${creditable} ${currency} remains creditable. The credit note takes the next CN number and never changes.`}
          submitLabel="Issue credit note"
          pending={credit.isPending}
          error={credit.error}
          onClose={() => setOpen(null)}
          onSubmit={(form) => credit.mutate({ id, amount: String(form.get("amount")), reason: String(form.get("reason")) as keyof typeof CREDIT_REASONS, note: String(form.get("note")) })}
        >
          <Field label={`Amount (${currency})`} error={creditErrors.fieldError("amount")}>
            <Input name="amount" required inputMode="decimal" autoComplete="off" />
          </Field>
          <Field label="Reason" error={creditErrors.fieldError("reason")}>
            <Select name="reason" required defaultValue="BILLING_ERROR">
              {Object.entries(CREDIT_REASONS).map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="What it corrects" error={creditErrors.fieldError("note")}>
            <Textarea name="note" required minLength={5} maxLength={500} />
          </Field>
        </FormDialog>
      )}
      {open === "void" && (
        <FormDialog
          title={`Void ${summary}?`}
          description="For an invoice issued in error. Its number stays used, and the month can be billed again. Once money was received, credit it instead."
          submitLabel="Void invoice"
          pending={voiding.isPending}
          error={voiding.error}
          onClose={() => setOpen(null)}
          onSubmit={(form) => voiding.mutate({ id, reason: String(form.get("reason")) })}
        >
          <Field label="Reason" error={voidErrors.fieldError("reason")}>
            <Textarea name="reason" required minLength={5} maxLength={500} />
          </Field>
        </FormDialog>
      )}
    </>
  );
}
