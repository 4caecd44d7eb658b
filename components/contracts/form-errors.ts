// Server validation errors name the input they are about with a dotted path ("terms.cpmLines.0.name",
// "header.termEnd"). The same path names the input's DOM id, so a message lands next to its input and the error
// summary can move focus there.

export type FieldErrorMap = Record<string, string[]>;

/** The error shape of server/api/trpc.ts, as far as forms read it. */
export interface ShapedError {
  message: string;
  data?: { appCode?: string; fieldErrors?: FieldErrorMap | null; details?: Record<string, unknown> | null } | null;
}

/** "terms.cpmLines.0.name" → "field-terms-cpmLines-0-name". */
export const fieldIdFor = (path: string) => `field-${path.replaceAll(".", "-") || "form"}`;

/** One node of the form's value tree: its path, the id its input carries, and the server's messages for it. */
export interface ErrorScope {
  readonly path: string;
  readonly id: string;
  readonly messages: string[] | null;
  /** Messages for this node and anything inside it, e.g. a list input whose third item is invalid. */
  readonly messagesInside: string[] | null;
  /** How many messages concern this node or anything inside it (e.g. to flag a row with problems). */
  readonly countInside: number;
  at(...segments: (string | number)[]): ErrorScope;
}

export function errorScope(errors: FieldErrorMap | null | undefined, path = ""): ErrorScope {
  const inside = errors ? Object.entries(errors).filter(([p]) => p === path || path === "" || p.startsWith(`${path}.`)) : [];
  const allInside = inside.flatMap(([, messages]) => messages);
  return {
    path,
    id: fieldIdFor(path),
    messages: errors?.[path] ?? null,
    messagesInside: allInside.length ? [...new Set(allInside)] : null,
    countInside: allInside.length,
    at: (...segments) => errorScope(errors, [path, ...segments].filter((s) => s !== "").join(".")),
  };
}

const SEGMENT_LABELS: Record<string, string> = {
  recurringFees: "Fee",
  cpmLines: "CPM line",
  cpaLines: "CPA line",
  partnerTerms: "Partner",
  tiers: "tier",
  payouts: "payout",
  lines: "line",
};
const SILENT_SEGMENTS = new Set(["terms", "header", "model"]);

/** "terms.cpmLines.0.pricing.model.ratePerThousand" → "CPM line 1 › pricing › rate per thousand". */
export function describeFieldPath(path: string): string {
  const words: string[] = [];
  const segments = path.split(".");
  segments.forEach((segment, i) => {
    if (SILENT_SEGMENTS.has(segment) || /^\d+$/.test(segment)) return;
    const index = segments[i + 1];
    const label = SEGMENT_LABELS[segment] ?? segment.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
    words.push(index !== undefined && /^\d+$/.test(index) ? `${label} ${Number(index) + 1}` : label);
  });
  const text = words.join(" › ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Focuses the input for `path`, or its nearest rendered ancestor (a row, a tier table) when it has no input. */
export function focusFieldPath(path: string) {
  const segments = path.split(".");
  for (let n = segments.length; n > 0; n--) {
    const element = document.getElementById(fieldIdFor(segments.slice(0, n).join(".")));
    if (element) {
      element.focus();
      element.scrollIntoView({ block: "center" });
      return;
    }
  }
}
