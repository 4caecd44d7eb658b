"use client";
// OPS creates a partner or edits one. The key is fixed once created: feeds and contract terms refer to it. Every
// rule (key shape, e-mail, amounts) is the server's; its messages land under their fields.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { useFieldErrors } from "../forms/use-field-errors";
import { Alert, Button, buttonClasses, Card, CardBody, CardHeader, Field, Input, Select, Textarea } from "../ui";
import { PARTNER_PAYOUT_KIND_LABELS, type PartnerPayout, type PartnerPayoutKind } from "./payout-in-words";

export interface EditablePartner {
  id: string;
  key: string;
  name: string;
  defaultPayout: PartnerPayout | null;
  email: string | null;
  paymentDetails: string | null;
}

const KIND_HINTS: Record<PartnerPayoutKind, string> = {
  FLAT_PER_CONVERSION: "A fixed amount for each approved conversion the partner brings, in the contract's currency.",
  REVENUE_SHARE: "A share of the revenue billed for the partner's conversions.",
  CPM_SHARE: "A share of the CPM revenue of the lines the partner delivers.",
};

export function PartnerForm({ partner }: { partner?: EditablePartner }) {
  const router = useRouter();
  const initial = partner?.defaultPayout ?? null;
  const [kind, setKind] = useState<PartnerPayoutKind | "">(initial?.kind ?? "");
  const [amount, setAmount] = useState(initial?.kind === "FLAT_PER_CONVERSION" ? initial.amount : "");
  const [percent, setPercent] = useState(initial && initial.kind !== "FLAT_PER_CONVERSION" ? initial.percent : "");
  const [saved, setSaved] = useState(false);
  const create = api.partners.create.useMutation({ onSuccess: ({ id }) => router.push(`/partners/${id}?created=1`) });
  const update = api.partners.update.useMutation({
    onSuccess: () => {
      setSaved(true);
      router.refresh();
    },
  });
  const mutation = partner ? update : create;
  const { fieldError, formError } = useFieldErrors(mutation.error);
  const payoutError = (field: string) => [...(fieldError("defaultPayout") ?? []), ...(fieldError(`defaultPayout.${field}`) ?? [])];

  function defaultPayout(): PartnerPayout | null {
    if (kind === "") return null;
    return kind === "FLAT_PER_CONVERSION" ? { kind, amount: amount.trim() } : { kind, percent: percent.trim() };
  }

  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        const fields = { name: String(form.get("name")), email: String(form.get("email")), paymentDetails: String(form.get("paymentDetails")), defaultPayout: defaultPayout() };
        setSaved(false);
        if (partner) update.mutate({ id: partner.id, ...fields });
        else create.mutate({ key: String(form.get("key")), ...fields });
      }}
    >
      {formError && (
        <Alert tone="error" title={partner ? "The partner was not saved" : "The partner was not created"}>
          {formError}
        </Alert>
      )}
      {saved && !update.isPending && <Alert tone="success">Changes saved. Payouts drafted from now on use them; approved statements keep what they were drafted with.</Alert>}
      <Card>
        <CardHeader title="Partner" description="Publishers, networks and affiliates that bring conversions or deliver impressions." />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" error={fieldError("name")}>
            <Input name="name" required maxLength={120} defaultValue={partner?.name} autoComplete="organization" />
          </Field>
          {partner ? (
            <Field label="Key" hint="Fixed once created: feeds and contract terms refer to the partner by it.">
              <Input value={partner.key} readOnly className="font-mono" />
            </Field>
          ) : (
            <Field label="Key" hint="Lower-case letters, digits and dashes, e.g. streamhub. What feeds and contract terms call the partner; it cannot change later." error={fieldError("key")}>
              <Input name="key" required maxLength={40} spellCheck={false} autoCapitalize="none" className="font-mono" />
            </Field>
          )}
          <Field label="E-mail" hint="Optional: where statements go." error={fieldError("email")}>
            <Input name="email" type="email" maxLength={200} defaultValue={partner?.email ?? ""} autoComplete="email" />
          </Field>
          <Field label="Payment details" hint="Optional: bank account, PayPal or how the partner is paid." error={fieldError("paymentDetails")} className="sm:col-span-2">
            <Textarea name="paymentDetails" maxLength={500} rows={3} defaultValue={partner?.paymentDetails ?? ""} />
          </Field>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Default payout" description="What the partner earns on contracts whose partner terms do not name it. A contract's own partner terms always win." />
        <CardBody className="grid gap-4 sm:grid-cols-2">
          <Field label="Kind" hint={kind === "" ? "No default: conversions through this partner on contracts without terms for it are flagged when payouts are drafted." : KIND_HINTS[kind]} error={fieldError("defaultPayout.kind")}>
            <Select value={kind} onChange={(e) => setKind(e.target.value as PartnerPayoutKind | "")}>
              <option value="">None</option>
              {Object.entries(PARTNER_PAYOUT_KIND_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          {kind === "FLAT_PER_CONVERSION" && (
            <Field label="Amount per conversion" hint="In the currency of each contract, e.g. 3.00" error={payoutError("amount")}>
              <Input required inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} className="tabular-nums" />
            </Field>
          )}
          {(kind === "REVENUE_SHARE" || kind === "CPM_SHARE") && (
            <Field label={kind === "REVENUE_SHARE" ? "Share of revenue" : "Share of CPM revenue"} hint="A percentage from 0 to 100, e.g. 20" error={payoutError("percent")} addon={<span className="text-sm text-slate-600">%</span>}>
              <Input required inputMode="decimal" value={percent} onChange={(e) => setPercent(e.target.value)} className="tabular-nums" />
            </Field>
          )}
        </CardBody>
      </Card>
      <div className="flex justify-end gap-2">
        <Link href="/partners" className={buttonClasses({ variant: "secondary" })}>
          {partner ? "Back to partners" : "Cancel"}
        </Link>
        <Button type="submit" loading={mutation.isPending || create.isSuccess}>
          {partner ? "Save changes" : "Create partner"}
        </Button>
      </div>
    </form>
  );
}
