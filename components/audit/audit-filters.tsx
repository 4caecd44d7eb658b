import Form from "next/form";
import Link from "next/link";
import { Button, Field, Input, Select } from "../ui";

export interface AuditFilterValues {
  action?: string;
  entityType?: string;
  entityId?: string;
}

/** GET form: the filters live in the URL, so a filtered view can be bookmarked or shared. */
export function AuditFilters({ values, entityTypes }: { values: AuditFilterValues; entityTypes: string[] }) {
  return (
    <Form action="/audit" role="search" aria-label="Filter the audit log" className="flex flex-wrap items-end gap-3">
      <Field label="Action starts with" className="w-52">
        <Input name="action" defaultValue={values.action} placeholder="e.g. user. or apiKey" maxLength={64} className="h-9" />
      </Field>
      <Field label="Entity type" className="w-44">
        <Select name="entityType" defaultValue={values.entityType ?? ""} className="h-9">
          <option value="">Any type</option>
          {entityTypes.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Entity id" className="w-80">
        <Input name="entityId" defaultValue={values.entityId} placeholder="Full id" maxLength={128} spellCheck={false} className="h-9 font-mono" />
      </Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {Object.values(values).some(Boolean) && (
        <Link href="/audit" className="py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
