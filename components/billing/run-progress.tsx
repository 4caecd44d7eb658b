"use client";
// One billing run's progress, live: polled every second while it runs. Failures list their contract and error;
// finance can put the failed contracts back on the queue.
import Link from "next/link";
import { api, type RouterOutputs } from "@/app/_trpc/react";
import { periodLabel } from "@/server/domain/billing/billing-period";
import { Alert, Badge, Button, ProgressBar } from "../ui";

type Run = RouterOutputs["billing"]["run"];

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function RunProgress({ initial, canRetry }: { initial: Run; canRetry: boolean }) {
  const { data: run = initial } = api.billing.run.useQuery({ id: initial.id }, { initialData: initial, refetchInterval: (q) => (q.state.data?.status === "DONE" ? false : 1_000) });
  const utils = api.useUtils();
  const retry = api.billing.retryRun.useMutation({ onSuccess: (updated) => utils.billing.run.setData({ id: updated.id }, updated) });
  const settled = run.done + run.failed;
  return (
    <section aria-label={`Billing run for ${periodLabel(run.period)}`} className="space-y-3 px-4 py-4 sm:px-6">
      <div className="flex flex-wrap items-center gap-3">
        <h3 className="font-medium text-slate-900">{periodLabel(run.period)}</h3>
        <Badge tone={run.status === "DONE" ? (run.failed > 0 ? "amber" : "green") : "indigo"}>{run.status === "DONE" ? (run.failed > 0 ? "Done with failures" : "Done") : "Running"}</Badge>
        <span className="text-sm text-slate-600">
          started {when.format(run.createdAt)} UTC by {run.startedBy}
          {run.finishedAt && `, finished ${when.format(run.finishedAt)} UTC`}
        </span>
      </div>
      <ProgressBar
        value={settled}
        max={Math.max(run.total, 1)}
        label={run.status === "DONE" ? "Contracts drafted" : "Drafting contracts…"}
        valueText={`${settled.toLocaleString("en-US")} of ${run.total.toLocaleString("en-US")}${run.failed > 0 ? ` (${run.failed} failed)` : ""}`}
        tone={run.failed > 0 ? "amber" : run.status === "DONE" ? "green" : "indigo"}
      />
      {run.status === "DONE" && (
        <p className="text-sm text-slate-700">
          {run.done.toLocaleString("en-US")} draft invoice{run.done === 1 ? "" : "s"} written and the month&apos;s{" "}
          <Link className="font-medium text-indigo-700 hover:underline" href={`/payouts?period=${run.period}`}>
            payout statements
          </Link>{" "}
          drafted.
        </p>
      )}
      {run.failures.length > 0 && (
        <Alert tone="warning" title={`${run.failed} contract${run.failed === 1 ? "" : "s"} failed`}>
          <ul className="list-disc space-y-1 pl-5">
            {run.failures.map((f) => (
              <li key={f.contractNumber}>
                <span className="font-mono">{f.contractNumber}</span>: {f.error} (attempt {f.attempts})
              </li>
            ))}
          </ul>
          {canRetry && run.status === "DONE" && (
            <Button className="mt-3" variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ id: run.id })}>
              Retry failed contracts
            </Button>
          )}
          {retry.error && <p className="mt-2 text-sm text-red-700">{retry.error.message}</p>}
        </Alert>
      )}
    </section>
  );
}
