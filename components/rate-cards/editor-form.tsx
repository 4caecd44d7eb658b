"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClasses } from "../ui";
import { EditorActionBar } from "../contracts/editor-action-bar";
import { ErrorSummary } from "../contracts/error-summary";
import type { ShapedError } from "../contracts/form-errors";

export interface EditorFormProps {
  onSubmit: () => void;
  error: ShapedError | null;
  pending: boolean;
  submitLabel: string;
  cancelHref: string;
  /** What saving does, beside the buttons. */
  status: ReactNode;
  children: ReactNode;
}

/** The frame of a rate card editor: the error summary on top, the fields, and the bar with Cancel and the save button. */
export function EditorForm({ onSubmit, error, pending, submitLabel, cancelHref, status, children }: EditorFormProps) {
  return (
    <form
      className="space-y-6"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <ErrorSummary error={error} />
      {children}
      <EditorActionBar status={status}>
        <Link href={cancelHref} className={buttonClasses({ variant: "secondary" })}>
          Cancel
        </Link>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </EditorActionBar>
    </form>
  );
}
