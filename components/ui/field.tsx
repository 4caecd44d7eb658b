import { cloneElement, useId, type ComponentProps, type ReactElement, type ReactNode } from "react";
import { cn, controlClasses } from "./cn";

export interface LabelProps extends ComponentProps<"label"> {
  /** Adds a visual marker; the control's own `required` attribute is what assistive tech reads. */
  required?: boolean;
}

export function Label({ required, className, children, ...rest }: LabelProps) {
  return (
    <label className={cn("block text-sm font-medium text-slate-800", className)} {...rest}>
      {children}
      {required && (
        <span aria-hidden="true" className="ml-0.5 text-red-600">
          *
        </span>
      )}
    </label>
  );
}

export function Input({ className, ...rest }: ComponentProps<"input">) {
  return <input className={cn(controlClasses, className)} {...rest} />;
}

export function Select({ className, ...rest }: ComponentProps<"select">) {
  return <select className={cn(controlClasses, "pr-8", className)} {...rest} />;
}

export function Textarea({ className, rows = 3, ...rest }: ComponentProps<"textarea">) {
  return <textarea rows={rows} className={cn(controlClasses, className)} {...rest} />;
}

/** The props Field injects into its control. */
export interface FieldControlProps {
  id?: string;
  required?: boolean;
  "aria-invalid"?: boolean | "true" | "false";
  "aria-describedby"?: string;
}

export interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  /** Field-level validation message(s); arrays match zod's flattened fieldErrors. */
  error?: string | string[] | null;
  /** Defaults to the control's id, then to a generated one. */
  id?: string;
  className?: string;
  /** Rendered beside the control, e.g. a unit suffix or a button. */
  addon?: ReactNode;
  /** A single control (Input, Select, Textarea or a native element); it receives id and aria wiring. */
  children: ReactElement<FieldControlProps>;
}

export function Field({ label, hint, error, id, className, addon, children }: FieldProps) {
  const generatedId = useId();
  const controlId = id ?? children.props.id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const message = Array.isArray(error) ? error.join(" ") : error;

  const describedBy = [children.props["aria-describedby"], hint && hintId, message && errorId]
    .filter(Boolean)
    .join(" ");

  // cloneElement (rather than context) keeps Field usable from Server Components.
  const control = cloneElement(children, {
    id: controlId,
    "aria-invalid": message ? true : children.props["aria-invalid"],
    "aria-describedby": describedBy || undefined,
  });

  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={controlId} required={children.props.required}>
        {label}
      </Label>
      {addon ? (
        <div className="flex items-center gap-2">
          {control}
          {addon}
        </div>
      ) : (
        control
      )}
      {hint && (
        <p id={hintId} className="text-sm text-slate-500">
          {hint}
        </p>
      )}
      {message && (
        <p id={errorId} className="text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
