import Form from "next/form";
import Link from "next/link";
import { CONTRACT_STATUSES } from "@/server/domain/contracts/version-lifecycle";
import { Button, Field, Input, Select } from "../ui";
import { CONTRACT_STATUS_LABELS } from "./status-badges";

export interface ContractFilterValues {
  q?: string;
  status?: string;
  advertiser?: string;
}

/** GET form: the filters live in the URL, so a filtered list can be bookmarked or shared. */
export function ContractFilters({ values, advertisers }: { values: ContractFilterValues; advertisers: { id: string; name: string }[] | null }) {
  return (
    <Form action="/contracts" role="search" aria-label="Filter contracts" className="flex flex-wrap items-end gap-3">
      <Field label="Search" className="w-64">
        <Input name="q" type="search" defaultValue={values.q} placeholder={advertisers ? "Number, title or advertiser" : "Number or title"} maxLength={100} className="h-9" />
      </Field>
      <Field label="Status" className="w-40">
        <Select name="status" defaultValue={values.status ?? ""} className="h-9">
          <option value="">Any status</option>
          {CONTRACT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {CONTRACT_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </Field>
      {advertisers && (
        <Field label="Advertiser" className="w-56">
          <Select name="advertiser" defaultValue={values.advertiser ?? ""} className="h-9">
            <option value="">All advertisers</option>
            {advertisers.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {Object.values(values).some(Boolean) && (
        <Link href="/contracts" className="py-2 text-sm font-medium text-indigo-700 hover:underline">
          Clear filters
        </Link>
      )}
    </Form>
  );
}
