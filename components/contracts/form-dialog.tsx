"use client";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Alert, Button } from "../ui";
import type { ShapedError } from "./form-errors";

export interface FormDialogProps {
  title: ReactNode;
  description?: ReactNode;
  submitLabel: string;
  tone?: "default" | "danger";
  pending: boolean;
  /** The failed mutation: field messages are shown by the fields themselves, anything else on top. */
  error: ShapedError | null;
  /** Receives the form's data; the caller closes the dialog (unmounts it) when the action succeeds. */
  onSubmit: (form: FormData) => void;
  onClose: () => void;
  children: ReactNode;
}

/** A modal form, mounted only while open so each opening starts empty. Escape and Cancel close it. */
export function FormDialog({ title, description, submitLabel, tone = "default", pending, error, onSubmit, onClose, children }: FormDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const onlyFieldErrors = error?.data?.appCode === "VALIDATION_FAILED" && Object.keys(error.data.fieldErrors ?? {}).length > 0;
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onClose={onClose}
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      className="m-auto w-full max-w-md rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <form
        className="space-y-4 p-6"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(new FormData(event.currentTarget));
        }}
      >
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
        </div>
        {error && !onlyFieldErrors && <Alert tone="error">{error.message}</Alert>}
        {children}
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" disabled={pending} onClick={() => dialogRef.current?.close()}>
            Cancel
          </Button>
          <Button type="submit" variant={tone === "danger" ? "danger" : "primary"} loading={pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
