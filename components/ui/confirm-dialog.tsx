"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { cn } from "./cn";

export interface ConfirmDialogProps {
  open: boolean;
  /** Called whenever the dialog closes: cancel, Escape, backdrop click, or after a successful confirm. */
  onClose: () => void;
  /** May be async; the dialog stays open with a spinner until it settles, and shows the error if it throws. */
  onConfirm: () => void | Promise<void>;
  title: ReactNode;
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: "default" | "danger";
}

export function ConfirmDialog({
  open,
  onClose,
  onConfirm,
  title,
  children,
  confirmLabel = "Confirm",
  cancelLabel = "Cancel",
  tone = "default",
}: ConfirmDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Safest default for destructive prompts: Enter/Space must not confirm by accident.
      cancelRef.current?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Fires for Escape, dialog.close() and our own buttons alike, so state resets in one place.
  function handleClose() {
    setError(null);
    if (open) onClose();
  }

  async function handleConfirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      dialogRef.current?.close();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Something went wrong. Please try again.");
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={children ? bodyId : undefined}
      onClose={handleClose}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      onClick={(event) => {
        // Clicks on the ::backdrop target the <dialog> itself; the inner panel catches all others.
        if (event.target === event.currentTarget && !busy) dialogRef.current?.close();
      }}
      className={cn(
        "m-auto w-full max-w-md rounded-lg bg-white p-0 text-slate-900 shadow-xl",
        "backdrop:bg-slate-900/40",
      )}
    >
      <div className="space-y-4 p-6">
        <h2 id={titleId} className="text-base font-semibold">
          {title}
        </h2>
        {children && (
          <div id={bodyId} className="text-sm text-slate-600">
            {children}
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
        <div className="flex justify-end gap-2 pt-2">
          <Button ref={cancelRef} variant="secondary" disabled={busy} onClick={() => dialogRef.current?.close()}>
            {cancelLabel}
          </Button>
          <Button variant={tone === "danger" ? "danger" : "primary"} loading={busy} onClick={handleConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </dialog>
  );
}
