import Form from "next/form";
import Link from "next/link";
import { ZConversionFiltersSchema, type ConversionFilters } from "@/server/services/conversions/conversion-queries";
import { Button, Field, Input } from "../ui";

const PARAMS = ["contract", "type", "partner", "from", "to"] as const;
type Param = (typeof PARAMS)[number];
const FIELD_OF_PARAM: Record<Param, keyof ConversionFilters> = { contract: "contractNumber", type: "type", partner: "partner", from: "from", to: "to" };

/** The filters as the URL carries them (?contract=&type=&partner=&from=&to=), as typed. */
export type ConversionFilterParams = Partial<Record<Param, string>>;
export type ConversionFilterErrors = Partial<Record<Param, string>>;
/** The same parameters as a page receives them (repeated ones as arrays). */
export type ConversionFilterSearchParams = Partial<Record<Param, string | string[]>>;

/**
 * Reads the filters from the URL. Empty ones are unset; one that is not valid (a date that is not a day, a range
 * ending before it starts) is left out of the query and answered with its message on its field, the others apply.
 */
export function readConversionFilters(params: ConversionFilterSearchParams): { values: ConversionFilterParams; filters: ConversionFilters; errors: ConversionFilterErrors } {
  const values: ConversionFilterParams = {};
  for (const p of PARAMS) {
    const value = params[p];
    // A repeated parameter (?type=a&type=b) is not one of the form's: ignored.
    if (typeof value === "string" && value.trim()) values[p] = value.trim();
  }
  const present = PARAMS.filter((p) => values[p]);
  const parse = (ps: readonly Param[]) => ZConversionFiltersSchema.safeParse(Object.fromEntries(ps.map((p) => [FIELD_OF_PARAM[p], values[p]])));
  const parsed = parse(present);
  if (parsed.success) return { values, filters: parsed.data, errors: {} };
  const errors: ConversionFilterErrors = {};
  for (const issue of parsed.error.issues) {
    const param = PARAMS.find((p) => FIELD_OF_PARAM[p] === issue.path[0]);
    if (param) errors[param] ??= issue.message;
  }
  const rest = parse(present.filter((p) => !errors[p]));
  return { values, filters: rest.success ? rest.data : {}, errors };
}

/** GET form: the filters live in the URL, so a filtered queue can be bookmarked or shared. Submitting starts at page 1. */
export function ConversionFilterForm({ values, errors, status }: { values: ConversionFilterParams; errors: ConversionFilterErrors; status: string | null }) {
  const clearHref = `/conversions${status ? `?${new URLSearchParams({ status })}` : ""}`;
  return (
    <Form action="/conversions" role="search" aria-label="Filter conversions" className="flex flex-wrap items-start gap-3">
      {status && <input type="hidden" name="status" value={status} />}
      <Field label="Contract" error={errors.contract} className="w-40">
        <Input name="contract" defaultValue={values.contract} placeholder="C-2026-0002" maxLength={40} spellCheck={false} className="h-9" />
      </Field>
      <Field label="Type" error={errors.type} className="w-36">
        <Input name="type" defaultValue={values.type} placeholder="e.g. purchase" maxLength={40} className="h-9" />
      </Field>
      <Field label="Partner" error={errors.partner} className="w-40">
        <Input name="partner" defaultValue={values.partner} placeholder="Partner key" maxLength={40} spellCheck={false} className="h-9" />
      </Field>
      <Field label="From (UTC)" error={errors.from} className="w-40">
        <Input type="date" name="from" defaultValue={values.from} className="h-9" />
      </Field>
      <Field label="To (UTC)" error={errors.to} className="w-40">
        <Input type="date" name="to" defaultValue={values.to} className="h-9" />
      </Field>
      {/* Level with the inputs under their labels (a label's line and gap), also when a field shows a message. */}
      <div className="flex items-center gap-3 pt-6.5">
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {Object.keys(values).length > 0 && (
          <Link href={clearHref} className="py-2 text-sm font-medium text-indigo-700 hover:underline">
            Clear
          </Link>
        )}
      </div>
    </Form>
  );
}
