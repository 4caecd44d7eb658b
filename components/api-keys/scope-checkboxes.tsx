import { useId } from "react";
import { cn, focusRing } from "../ui";

/** A required group of checkboxes submitted as repeated `scopes` values. */
export function ScopeCheckboxes({ scopes, error }: { scopes: string[]; error?: string[] | null }) {
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined} className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">Scopes</legend>
      <p className="text-sm text-slate-500">Grant only what the client needs.</p>
      {scopes.map((scope) => (
        <label key={scope} className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="scopes" value={scope} className={cn("size-4 rounded accent-indigo-600", focusRing)} />
          <span className="font-mono">{scope}</span>
        </label>
      ))}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
