"use client";
import { useRouter } from "next/navigation";
import { api } from "@/app/_trpc/react";
import { Alert, Button } from "../ui";

/** Staff run the daily renewal pass on demand (it is idempotent) and see what it did. */
export function RunRenewalsButton() {
  const router = useRouter();
  const run = api.contracts.runRenewals.useMutation({ onSuccess: () => router.refresh() });
  const report = run.data;
  return (
    <div className="space-y-3">
      <Button variant="secondary" loading={run.isPending} onClick={() => run.mutate()}>
        Run renewals now
      </Button>
      {run.error && <Alert tone="error">{run.error.message}</Alert>}
      {report && (
        <Alert tone="success" title={`Renewal pass for ${report.today}`}>
          {report.renewalsCreated.length + report.expired.length + report.skipped.length === 0 ? (
            <p>Nothing to do: no notice period opened and no term ended since the last pass.</p>
          ) : (
            <ul className="list-disc space-y-0.5 pl-5">
              {report.renewalsCreated.length > 0 && <li>Renewals opened and submitted for approval: {report.renewalsCreated.map((r) => r.contract).join(", ")}</li>}
              {report.expired.length > 0 && <li>Expired at term end: {report.expired.join(", ")}</li>}
              {report.skipped.map((s) => (
                <li key={s.contract}>
                  Skipped {s.contract}: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </div>
  );
}
