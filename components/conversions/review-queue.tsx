"use client";
// OPS reviews pending conversions: select some (or all on the page), approve them, or reject them with a reason
// after a confirmation. One request per action; the server refuses the whole action if any conversion cannot be
// reviewed, and says which.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { api } from "@/app/_trpc/react";
import { REJECTION_REASONS, type RejectionReason } from "@/server/domain/conversions/review";
import { Alert, Button, ConfirmDialog, Select } from "../ui";
import { ConversionTable, type ConversionListItem } from "./conversion-table";

export function ReviewQueue({ conversions }: { conversions: ConversionListItem[] }) {
  const router = useRouter();
  const reasonId = useId();
  const reviewable = conversions.filter((c) => c.eligibility === "ELIGIBLE");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [reason, setReason] = useState<RejectionReason>("FRAUD");
  const [confirming, setConfirming] = useState(false);
  const review = api.conversions.review.useMutation({
    onSuccess: () => {
      setSelected(new Set());
      router.refresh();
    },
  });
  const ids = [...selected];
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id])));

  return (
    <>
      <div className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3 sm:px-6" role="group" aria-label="Review selected conversions">
        <label className="flex items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" checked={reviewable.length > 0 && selected.size === reviewable.length} onChange={(e) => setSelected(new Set(e.target.checked ? reviewable.map((c) => c.id) : []))} />
          Select all on this page
        </label>
        <span className="text-sm text-slate-600" aria-live="polite">
          {selected.size} selected
        </span>
        <Button disabled={ids.length === 0 || review.isPending} onClick={() => review.mutate({ decision: "APPROVE", ids })}>
          Approve
        </Button>
        <div className="flex items-end gap-2">
          <div>
            <label htmlFor={reasonId} className="block text-xs font-medium text-slate-700">
              Rejection reason
            </label>
            <Select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value as RejectionReason)}>
              {Object.entries(REJECTION_REASONS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </div>
          <Button variant="danger" disabled={ids.length === 0 || review.isPending} onClick={() => setConfirming(true)}>
            Reject…
          </Button>
        </div>
      </div>
      {review.error && (
        <div className="px-4 pt-3 sm:px-6">
          <Alert tone="error" title="Nothing was changed">
            {review.error.message}
          </Alert>
        </div>
      )}
      <ConversionTable conversions={conversions} selectable={{ selected, toggle }} />
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => review.mutateAsync({ decision: "REJECT", ids, reason }).then(() => undefined)}
        title={`Reject ${ids.length} conversion${ids.length === 1 ? "" : "s"} as “${REJECTION_REASONS[reason]}”?`}
        confirmLabel="Reject"
        tone="danger"
      >
        Rejected conversions are not billed and the advertiser sees the reason. The decision can be changed until the conversion is billed.
      </ConfirmDialog>
    </>
  );
}
