import { Role } from "@/server/db/generated/enums";
import { Badge, type BadgeTone } from "../ui";

export const ROLES = Object.values(Role);

export const ROLE_LABELS: Record<Role, string> = {
  ADVERTISER: "Advertiser",
  OPS: "Ops",
  FINANCE: "Finance",
  ADMIN: "Admin",
};

const ROLE_TONES: Record<Role, BadgeTone> = { ADVERTISER: "neutral", OPS: "amber", FINANCE: "green", ADMIN: "indigo" };

export function isRole(value: string | undefined): value is Role {
  return (ROLES as string[]).includes(value ?? "");
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={ROLE_TONES[role]}>{ROLE_LABELS[role]}</Badge>;
}

export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {ROLE_LABELS[role]}
    </option>
  ));
}
