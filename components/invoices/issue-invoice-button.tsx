"use client";
// Finance issues a reviewed draft: after a confirmation, because an issued invoice never changes again.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/app/_trpc/react";
import { Alert, Button, ConfirmDialog } from "../ui";

export function IssueInvoiceButton({ id, summary, flagCount }: { id: string; summary: string; flagCount: number }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const issue = api.invoices.issue.useMutation({ onSuccess: () => router.refresh() });
  return (
    <div className="flex flex-col items-end gap-2">
      <Button onClick={() => setOpen(true)}>Issue…</Button>
      {issue.error && <Alert tone="error">{issue.error.message}</Alert>}
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={() => issue.mutateAsync({ id }).then(() => undefined)} title={`Issue ${summary}?`} confirmLabel="Issue invoice">
        It takes the next invoice number and its due date, and can never change afterwards: corrections are credit notes.
        {flagCount > 0 && ` It still has ${flagCount} review flag${flagCount === 1 ? "" : "s"}.`}
      </ConfirmDialog>
    </div>
  );
}
