"use client";
import { useState } from "react";
import type { Role } from "@/server/db/generated/enums";
import { AdvertiserSelect } from "../advertisers/advertiser-select";
import { Field, Select } from "../ui";
import { RoleOptions } from "./roles";

export interface RoleAndAdvertiserFieldsProps {
  defaultRole?: Role;
  defaultAdvertiserId?: string | null;
  fieldError: (name: string) => string[] | null;
}

/** Role, plus the advertiser binding that only advertiser users have (the server rejects it for staff). */
export function RoleAndAdvertiserFields({ defaultRole, defaultAdvertiserId, fieldError }: RoleAndAdvertiserFieldsProps) {
  const [role, setRole] = useState<string>(defaultRole ?? "");
  return (
    <>
      <Field label="Role" error={fieldError("role")}>
        <Select name="role" required value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="" disabled>
            Choose a role…
          </option>
          <RoleOptions />
        </Select>
      </Field>
      {role === "ADVERTISER" && (
        <AdvertiserSelect
          name="advertiserId"
          required
          emptyLabel="Choose an advertiser…"
          defaultValue={defaultAdvertiserId}
          hint="The account this user signs in for."
          error={fieldError("advertiserId")}
        />
      )}
    </>
  );
}
