"use client";
// Finance starts a billing run for a month (last month by default): every contract in force gets its draft.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { Alert, Button, ConfirmDialog, Field, Input } from "../ui";

export function StartRunForm({ defaultPeriod }: { defaultPeriod: string }) {
  const router = useRouter();
  const [period, setPeriod] = useState(defaultPeriod);
  const [confirming, setConfirming] = useState(false);
  const start = api.billing.startRun.useMutation({ onSuccess: () => router.refresh() });
  const fieldError = start.error?.data?.fieldErrors?.period?.[0] ?? start.error?.data?.fieldErrors?.contracts?.[0];
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setConfirming(true);
      }}
    >
      <Field label="Month" error={fieldError}>
        <Input type="month" name="period" required value={period} onChange={(e) => setPeriod(e.target.value)} />
      </Field>
      <Button type="submit" disabled={start.isPending || !period}>
        Start billing run
      </Button>
      {start.error && !fieldError && <Alert tone="error">{start.error.message}</Alert>}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => start.mutateAsync({ period, contracts: [] }).then(() => undefined)}
        title={`Bill ${period ? periodLabel(period) : "this month"}?`}
        confirmLabel="Start run"
      >
        Every contract in force that month gets its draft invoice, replacing an earlier draft; issued invoices are left as they are. The month&apos;s partner payout statements are drafted when the run ends.
      </ConfirmDialog>
    </form>
  );
}
