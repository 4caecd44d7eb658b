import { z } from "zod";
import type { Db } from "../../db/client";
import { pageOf, pageWindow } from "../pagination";

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
    db.auditLog.findMany({ where, orderBy: { id: "desc" }, ...pageWindow(input) }),
  ]);
  return pageOf(input, total, rows.map((r) => ({ ...r, id: r.id.toString() })));
}
