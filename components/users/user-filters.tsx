import Form from "next/form";
import Link from "next/link";
import { Button, Field, Input, Select } from "../ui";
import { RoleOptions } from "./roles";

/** GET form: the filters live in the URL, so they survive reloads and can be shared. */
export function UserFilters({ search, role }: { search?: string; role?: string }) {
  return (
    <Form action="/admin/users" role="search" aria-label="Filter users" className="flex flex-wrap items-end gap-3">
      <Field label="Search" className="w-64">
        <Input name="q" type="search" defaultValue={search} placeholder="Name or email" maxLength={100} className="h-9" />
      </Field>
      <Field label="Role" className="w-44">
        <Select name="role" defaultValue={role ?? ""} className="h-9">
          <option value="">All roles</option>
          <RoleOptions />
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {(search || role) && (
        <Link href="/admin/users" className="py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
