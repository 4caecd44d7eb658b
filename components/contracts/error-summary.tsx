"use client";
import { useEffect, useRef, type ReactNode } from "react";
import { Alert } from "../ui";
import { describeFieldPath, fieldIdFor, focusFieldPath, type ShapedError } from "./form-errors";

/** Takes focus (and so scrolls into view and is announced) whenever `trigger` changes to a new value. */
export function FocusOnArrival({ trigger, children }: { trigger: unknown; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (trigger) ref.current?.focus();
  }, [trigger]);
  return (
    <div ref={ref} tabIndex={-1} className="outline-none">
      {children}
    </div>
  );
}

/**
 * The top-of-form account of a failed save: the error's message, and each field message as a link that moves
 * focus to its input. Takes focus itself when a new error arrives, so keyboard and screen-reader users hear it.
 */
export function ErrorSummary({ error }: { error: ShapedError | null | undefined }) {
  if (!error) return null;
  const fieldErrors = Object.entries(error.data?.fieldErrors ?? {});
  const title = fieldErrors.length && error.data?.appCode === "VALIDATION_FAILED" ? "Some fields need attention" : error.message;
  return (
    <FocusOnArrival trigger={error}>
      <Alert tone="error" title={title}>
        {fieldErrors.length > 0 && (
          <ul className="list-disc space-y-0.5 pl-5">
            {fieldErrors.map(([path, messages]) => (
              <li key={path}>
                {path === "_form" ? (
                  messages.join(" ")
                ) : (
                  <a
                    href={`#${fieldIdFor(path)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusFieldPath(path);
                    }}
                    className="underline hover:no-underline"
                  >
                    {describeFieldPath(path)}: {messages.join(" ")}
                  </a>
                )}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    </FocusOnArrival>
  );
}
