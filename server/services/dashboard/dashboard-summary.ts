// The numbers on each role's dashboard, computed only from what the actor may see.
import type { Actor } from "../../auth/actor";
import { can } from "../../auth/permissions";
import type { Db } from "../../db/client";
import { advertiserWhere } from "../advertisers/advertiser-scope";

export async function getDashboardSummary(db: Db, actor: Actor) {
  const since = new Date(Date.now() - 24 * 3_600_000);
  const [advertisers, advertiserUsers, usersByRole, activeApiKeys, auditEntries24h] = await Promise.all([
    db.advertiser.count({ where: advertiserWhere(actor) }),
    db.user.count({ where: { disabledAt: null, role: "ADVERTISER", advertiser: advertiserWhere(actor) } }),
    can(actor, "users:manage")
      ? db.user.groupBy({ by: ["role"], where: { disabledAt: null }, _count: { _all: true } })
      : Promise.resolve(null),
    can(actor, "apiKeys:manage") ? db.apiKey.count({ where: { revokedAt: null } }) : Promise.resolve(null),
    can(actor, "audit:read") ? db.auditLog.count({ where: { at: { gte: since } } }) : Promise.resolve(null),
  ]);
  return {
    advertisers,
    advertiserUsers,
    activeUsersByRole: usersByRole ? Object.fromEntries(usersByRole.map((g) => [g.role, g._count._all])) : null,
    activeApiKeys,
    auditEntries24h,
  };
}
