"use client";
// Finance after issue: record a payment received (amount, date, reference), issue a credit note (amount, reason,
// note), record a refund of what was paid beyond what a credited invoice asks, void an invoice nothing was paid on
// (with a reason), or write off a balance that will not come (uncollectible, with a reason). Field messages come
// from the server; a refusal is shown as the server words it.
import { useRouter } from "next/navigation";
import { useState, type ComponentProps } from "react";
import { api } from "@/app/_trpc/react";
import { todayIso } from "@/server/domain/contracts/dates";
import { CREDIT_REASONS, type InvoiceStatus } from "@/server/domain/invoices/invoice-lifecycle";
import { Dec } from "@/server/domain/money";
import { FormDialog } from "../contracts/form-dialog";
import { useFieldErrors } from "../forms/use-field-errors";
import { Button, Field, Input, Select, Textarea } from "../ui";

type Mutation = { isPending: boolean; error: ComponentProps<typeof FormDialog>["error"] };

/** Money moving by bank transfer (a payment in, a refund out): amount, the day it moved, its reference. */
function TransferDialog(props: {
  title: string;
  description: string;
  submitLabel: string;
  currency: string;
  defaultAmount?: string;
  dateField: "receivedOn" | "paidOn";
  dateLabel: string;
  mutation: Mutation;
  onClose: () => void;
  onSubmit: (input: { amount: string; on: string; reference: string }) => void;
}) {
  const errors = useFieldErrors(props.mutation.error);
  return (
    <FormDialog
      title={props.title}
      description={props.description}
      submitLabel={props.submitLabel}
      pending={props.mutation.isPending}
      error={props.mutation.error}
      onClose={props.onClose}
      onSubmit={(form) => props.onSubmit({ amount: String(form.get("amount")), on: String(form.get("on")), reference: String(form.get("reference")) })}
    >
      <Field label={`Amount (${props.currency})`} error={errors.fieldError("amount")}>
        <Input name="amount" required inputMode="decimal" defaultValue={props.defaultAmount} autoComplete="off" />
      </Field>
      <Field label={props.dateLabel} error={errors.fieldError(props.dateField)}>
        <Input name="on" type="date" required max={todayIso()} defaultValue={todayIso()} />
      </Field>
      <Field label="Reference" hint="The bank transfer's reference, at least 3 characters." error={errors.fieldError("reference")}>
        <Input name="reference" required maxLength={120} autoComplete="off" />
      </Field>
    </FormDialog>
  );
}

/** Ending an invoice for good (void, uncollectible): what it means, and the reason, required. */
function ReasonDialog(props: { title: string; description: string; submitLabel: string; tone?: "danger"; mutation: Mutation; onClose: () => void; onSubmit: (reason: string) => void }) {
  const errors = useFieldErrors(props.mutation.error);
  return (
    <FormDialog
      title={props.title}
      description={props.description}
      submitLabel={props.submitLabel}
      tone={props.tone}
      pending={props.mutation.isPending}
      error={props.mutation.error}
      onClose={props.onClose}
      onSubmit={(form) => props.onSubmit(String(form.get("reason")))}
    >
      <Field label="Reason" error={errors.fieldError("reason")}>
        <Textarea name="reason" required minLength={5} maxLength={500} />
      </Field>
    </FormDialog>
  );
}

export function SettleInvoiceActions({
  id,
  status,
  balanceDue,
  refundDue,
  creditable,
  currency,
  summary,
}: {
  id: string;
  status: InvoiceStatus;
  balanceDue: string;
  refundDue: string;
  creditable: string;
  currency: string;
  summary: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<"pay" | "credit" | "refund" | "void" | "uncollectible" | null>(null);
  const done = { onSuccess: () => (setOpen(null), router.refresh()) };
  const pay = api.invoices.recordPayment.useMutation(done);
  const refund = api.invoices.recordRefund.useMutation(done);
  const voiding = api.invoices.void.useMutation(done);
  const credit = api.invoices.credit.useMutation(done);
  const writeOff = api.invoices.markUncollectible.useMutation(done);
  const creditErrors = useFieldErrors(credit.error);
  const payable = status === "ISSUED" || status === "PARTIALLY_PAID";
  const creditableNow = status !== "DRAFT" && status !== "VOID" && new Dec(creditable).greaterThan(0);
  const refundable = status !== "DRAFT" && status !== "VOID" && new Dec(refundDue).greaterThan(0);
  if (!payable && !creditableNow && !refundable) return null;
  const close = () => setOpen(null);
  return (
    <>
      {payable && <Button onClick={() => (pay.reset(), setOpen("pay"))}>Record payment…</Button>}
      {refundable && <Button onClick={() => (refund.reset(), setOpen("refund"))}>Record refund…</Button>}
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
        <ReasonDialog
          title={`Write off ${summary} as uncollectible?`}
          description={`The balance due of ${balanceDue} ${currency} is no longer expected. This is final: no payment can be recorded on it afterwards, and it leaves receivables aging.`}
          submitLabel="Mark uncollectible"
          tone="danger"
          mutation={writeOff}
          onClose={close}
          onSubmit={(reason) => writeOff.mutate({ id, reason })}
        />
      )}
      {open === "void" && (
        <ReasonDialog
          title={`Void ${summary}?`}
          description="For an invoice issued in error. Its number stays used, and the month can be billed again. Once money was received, credit it instead."
          submitLabel="Void invoice"
          mutation={voiding}
          onClose={close}
          onSubmit={(reason) => voiding.mutate({ id, reason })}
        />
      )}
      {open === "pay" && (
        <TransferDialog
          title={`Record a payment on ${summary}`}
          description={`Balance due: ${balanceDue} ${currency}. A payment can never exceed it.`}
          submitLabel="Record payment"
          currency={currency}
          defaultAmount={balanceDue}
          dateField="receivedOn"
          dateLabel="Received on"
          mutation={pay}
          onClose={close}
          onSubmit={({ amount, on, reference }) => pay.mutate({ id, amount, receivedOn: on, reference })}
        />
      )}
      {open === "refund" && (
        <TransferDialog
          title={`Record a refund on ${summary}`}
          description={`Owed back to the advertiser: ${refundDue} ${currency} (paid beyond what the invoice asks after its credit notes). A refund can never exceed it.`}
          submitLabel="Record refund"
          currency={currency}
          defaultAmount={refundDue}
          dateField="paidOn"
          dateLabel="Sent on"
          mutation={refund}
          onClose={close}
          onSubmit={({ amount, on, reference }) => refund.mutate({ id, amount, paidOn: on, reference })}
        />
      )}
      {open === "credit" && (
        <FormDialog
          title={`Credit note on ${summary}`}
          description={`Up to ${creditable} ${currency} remains creditable. The credit note takes the next CN number and never changes.`}
          submitLabel="Issue credit note"
          pending={credit.isPending}
          error={credit.error}
          onClose={close}
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
    </>
  );
}
