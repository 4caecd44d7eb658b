"use client";
// Finance drafts the month's partner statements from the contracts' priced months. A redraft replaces the month's
// drafts only, so the confirmation says what stays. The run can take a while (every contract in force is priced):
// the dialog closes at once and the page says what is happening until the summary arrives.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { Alert, Button, ConfirmDialog, Spinner } from "../ui";
import { PAYOUT_STATUS_LABELS } from "./status-badge";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function PrepareDraftsButton({ period }: { period: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const draft = api.payouts.draft.useMutation({ onSuccess: () => router.refresh() });
  const month = periodLabel(period);
  // A summary is for the month it was run for; switching months hides it.
  const report = draft.data?.period === period ? draft.data : null;

  return (
    <div className="space-y-3">
      <Button onClick={() => setConfirming(true)} loading={draft.isPending}>
        Prepare drafts for {month}
      </Button>
      <div aria-live="polite">
        {draft.isPending && (
          <p className="flex items-center gap-2 text-sm text-slate-600">
            <Spinner />
            Pricing every contract in force in {periodLabel(draft.variables.period)} and drafting partner statements…
          </p>
        )}
        {report && !draft.isPending && (
          <Alert tone={report.drafted > 0 ? "success" : "info"} title={`${periodLabel(report.period)}: ${plural(report.drafted, "statement")} drafted from ${plural(report.contracts, "contract")}`}>
            {report.skipped.length > 0 && (
              <>
                <p>Left as they are:</p>
                <ul className="list-disc space-y-0.5 pl-5">
                  {report.skipped.map((s) => (
                    <li key={`${s.partnerKey}|${s.currency}`}>
                      <span className="font-mono">{s.partnerKey}</span> ({s.currency}): already {(PAYOUT_STATUS_LABELS[s.status as keyof typeof PAYOUT_STATUS_LABELS] ?? s.status).toLowerCase()}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {report.drafted === 0 && report.skipped.length === 0 && <p>No partner earned anything in {periodLabel(report.period)}.</p>}
          </Alert>
        )}
      </div>
      {report && !draft.isPending && report.flags.length > 0 && (
        <Alert tone="warning" title="Conversions nobody is paid for">
          <ul className="list-disc space-y-0.5 pl-5">
            {report.flags.map((f) => (
              <li key={`${f.partnerKey}|${f.contractNumber}`}>
                {plural(f.conversions, "conversion")} through <span className="font-mono">{f.partnerKey}</span> on {f.contractNumber} {f.conversions === 1 ? "has" : "have"} no payout terms
              </li>
            ))}
          </ul>
          <p className="mt-2">Give the partner a default payout, or add partner terms to the contract, then prepare the drafts again.</p>
        </Alert>
      )}
      {draft.error && (
        <Alert tone="error" title="No drafts were prepared">
          {draft.error.message}
        </Alert>
      )}
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => draft.mutate({ period })}
        title={`Prepare payout drafts for ${month}?`}
        confirmLabel="Prepare drafts"
      >
        Replaces the month&apos;s draft statements; approved and paid ones stay as they are.
      </ConfirmDialog>
    </div>
  );
}
