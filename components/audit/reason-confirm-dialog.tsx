"use client";
import { useState, type ReactNode } from "react";
import { ConfirmDialog, Field, Textarea, type ConfirmDialogProps } from "../ui";

export interface ReasonConfirmDialogProps extends Omit<ConfirmDialogProps, "onConfirm" | "children"> {
  description: ReactNode;
  /** Receives the trimmed reason, or undefined when none was given; throw to keep the dialog open with the error. */
  onConfirm: (reason: string | undefined) => Promise<void>;
}

/** A ConfirmDialog that also asks why; the reason is stored with the change's audit entry. */
export function ReasonConfirmDialog({ description, onConfirm, onClose, ...rest }: ReasonConfirmDialogProps) {
  const [reason, setReason] = useState("");
  return (
    <ConfirmDialog
      {...rest}
      onClose={() => {
        setReason("");
        onClose();
      }}
      onConfirm={() => onConfirm(reason.trim() || undefined)}
    >
      <div className="space-y-4">
        <p>{description}</p>
        <Field label="Reason (optional)" hint="Recorded in the audit log.">
          <Textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} rows={2} />
        </Field>
      </div>
    </ConfirmDialog>
  );
}
