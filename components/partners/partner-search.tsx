import Form from "next/form";
import Link from "next/link";
import { Button, Field, Input } from "../ui";

/** GET form: the search lives in the URL, so a filtered list can be bookmarked or shared. */
export function PartnerSearch({ q }: { q?: string }) {
  return (
    <Form action="/partners" role="search" aria-label="Search partners" className="flex flex-wrap items-end gap-3">
      <Field label="Search" className="w-72">
        <Input name="q" type="search" defaultValue={q} placeholder="Name or key" maxLength={100} className="h-9" />
      </Field>
      <Button type="submit" variant="secondary">
        Search
      </Button>
      {q && (
        <Link href="/partners" className="py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear search
        </Link>
      )}
    </Form>
  );
}
