"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "./button";
import { Field, Input } from "./field";

export interface CopyFieldProps {
  label: ReactNode;
  value: string;
  hint?: ReactNode;
  id?: string;
  className?: string;
}

const announcements = {
  idle: "",
  copied: "Copied to clipboard.",
  failed: "Could not copy automatically; the text is selected, press Ctrl+C or Cmd+C.",
};

/** Read-only value with a Copy button, e.g. for showing a freshly created API key once. */
export function CopyField({ label, value, hint, id, className }: CopyFieldProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const resetTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [status, setStatus] = useState<keyof typeof announcements>("idle");

  useEffect(() => () => clearTimeout(resetTimer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setStatus("copied");
    } catch {
      // The Clipboard API needs a secure context; selecting the text keeps manual copy one keystroke away.
      inputRef.current?.select();
      setStatus("failed");
    }
    clearTimeout(resetTimer.current);
    resetTimer.current = setTimeout(() => setStatus("idle"), 2000);
  }

  return (
    <div className={className}>
      <Field
        label={label}
        hint={hint}
        id={id}
        addon={
          <Button variant="secondary" onClick={copy} className="min-w-20">
            {status === "copied" ? "Copied" : "Copy"}
          </Button>
        }
      >
        <Input
          ref={inputRef}
          value={value}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          className="font-mono"
        />
      </Field>
      <p aria-live="polite" className="sr-only">
        {announcements[status]}
      </p>
    </div>
  );
}
