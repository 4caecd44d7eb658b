"use client";
import { api } from "@/app/_trpc/react";
import { Field, Select } from "../ui";

export interface AdvertiserSelectProps {
  name: string;
  label?: string;
  /** The first option, meaning "no advertiser"; its value is the empty string. */
  emptyLabel: string;
  defaultValue?: string | null;
  required?: boolean;
  hint?: string;
  error?: string[] | null;
}

// advertisers.list caps a page at 100; the pickers serve admins of a modest number of accounts.
const PICKER_PAGE = { page: 1, pageSize: 100 } as const;

/** Picks an advertiser by id, for binding a user or an API key to one account. */
export function AdvertiserSelect({ name, label = "Advertiser", emptyLabel, defaultValue, required, hint, error }: AdvertiserSelectProps) {
  const { data, error: loadError } = api.advertisers.list.useQuery(PICKER_PAGE);
  const notes = [
    hint,
    data && data.total > data.items.length && `Showing the first ${data.items.length} of ${data.total}.`,
    loadError && "Could not load advertisers; reload the page to try again.",
  ].filter(Boolean);
  return (
    <Field label={label} hint={notes.join(" ") || undefined} error={error}>
      {/* Remounted once loaded, so the default applies when its option exists. */}
      <Select key={data ? "loaded" : "loading"} name={name} required={required} defaultValue={defaultValue ?? ""} disabled={!data}>
        <option value="">{data ? emptyLabel : "Loading advertisers…"}</option>
        {data?.items.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
