import { z } from "zod";
import type { Db } from "../../db/client";

export const ZListAuditEntriesRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
});
export type ListAuditEntriesRequest = z.infer<typeof ZListAuditEntriesRequestSchema>;

export async function listAuditEntries(db: Db, input: ListAuditEntriesRequest) {
  const where = {
    ...(input.entityType ? { entityType: input.entityType } : {}),
    ...(input.entityId ? { entityId: input.entityId } : {}),
    ...(input.action ? { action: { startsWith: input.action } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, skip: (input.page - 1) * input.pageSize, take: input.pageSize }),
  ]);
  return {
    total,
    page: input.page,
    pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
    items: rows.map((r) => ({ ...r, id: r.id.toString() })),
  };
}
