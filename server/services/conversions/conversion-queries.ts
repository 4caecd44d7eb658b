// Reading conversions: one scoped builder (advertisers see only their own, internal staff all), one list query
// with the filters the pages offer. Partner payout terms never appear here.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { pageOf, pageWindow } from "../pagination";

export function conversionWhere(actor: Actor, extra: Prisma.ConversionWhereInput = {}): Prisma.ConversionWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ advertiserId: tenant }, extra] } : extra;
}

export const CONVERSION_STATUS_FILTERS = ["ALL", "PENDING", "APPROVED", "REJECTED", "INELIGIBLE"] as const;

export const ZListConversionsRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  status: z.enum(CONVERSION_STATUS_FILTERS).default("ALL"),
  contractId: z.string().uuid().optional(),
});

function statusWhere(status: (typeof CONVERSION_STATUS_FILTERS)[number]): Prisma.ConversionWhereInput {
  if (status === "ALL") return {};
  if (status === "INELIGIBLE") return { eligibility: "INELIGIBLE" };
  return { eligibility: "ELIGIBLE", review: status };
}

export async function listConversions(db: Db, actor: Actor, input: z.infer<typeof ZListConversionsRequestSchema>) {
  const where = conversionWhere(actor, { AND: [statusWhere(input.status), input.contractId ? { contractId: input.contractId } : {}] });
  const [total, rows] = await Promise.all([
    db.conversion.count({ where }),
    db.conversion.findMany({ where, orderBy: [{ occurredAt: "desc" }, { id: "asc" }], ...pageWindow(input) }),
  ]);
  const contracts = new Map(
    (await db.contract.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.contractId))] } }, select: { id: true, number: true } })).map((c) => [c.id, c.number]),
  );
  return pageOf(
    input,
    total,
    rows.map((r) => ({
      id: r.id,
      externalId: r.externalId,
      occurredAt: r.occurredAt,
      type: r.type,
      value: r.value?.toString() ?? null,
      currency: r.currency,
      geography: r.geography,
      contractId: r.contractId,
      contractNumber: contracts.get(r.contractId) ?? "",
      lineKey: r.lineKey,
      partnerKey: r.partnerKey,
      eligibility: r.eligibility,
      reasonCode: r.reasonCode,
      reason: r.reason,
      review: r.review,
      reviewReason: r.reviewReason,
    })),
  );
}
