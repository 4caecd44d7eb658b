// Reading conversions: one scoped builder (advertisers see only their own, internal staff all), one list query
// with the filters the pages offer (status, contract, type, partner, days). Partner payout terms never appear here.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { tenantOf } from "../../auth/actor";
import type { Db } from "../../db/client";
import type { Prisma } from "../../db/generated/client";
import { addDays, fromIsoDate } from "../../domain/contracts/dates";
import { ZIsoDate } from "../../domain/contracts/terms";
import { contractWhere } from "../contracts/contract-scope";
import { pageOf, pageWindow } from "../pagination";

export function conversionWhere(actor: Actor, extra: Prisma.ConversionWhereInput = {}): Prisma.ConversionWhereInput {
  const tenant = tenantOf(actor);
  return tenant ? { AND: [{ advertiserId: tenant }, extra] } : extra;
}

export const CONVERSION_STATUS_FILTERS = ["ALL", "PENDING", "APPROVED", "REJECTED", "INELIGIBLE", "OVER_CAP"] as const;

/** What the review queue can be narrowed by besides status; every filter is combined with AND, inside the actor's scope. */
const ZConversionFilterFields = z.object({
  contractNumber: z.string().trim().toUpperCase().min(1).max(40, "At most 40 characters").optional(),
  type: z.string().trim().toLowerCase().min(1).max(40, "At most 40 characters").optional(),
  partner: z.string().trim().toLowerCase().min(1).max(40, "At most 40 characters").optional(),
  /** Days of occurredAt in UTC, both inclusive. */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});

/** A range that ends before it starts is refused on its end. */
const withRangeInOrder = <T extends z.ZodType<{ from?: string; to?: string }>>(schema: T) =>
  schema.refine((f) => !f.from || !f.to || f.to >= f.from, { message: "Must be on or after the start date", path: ["to"] });

export const ZConversionFiltersSchema = withRangeInOrder(ZConversionFilterFields);
export type ConversionFilters = z.infer<typeof ZConversionFiltersSchema>;

export const ZListConversionsRequestSchema = withRangeInOrder(
  ZConversionFilterFields.extend({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
    status: z.enum(CONVERSION_STATUS_FILTERS).default("ALL"),
    contractId: z.string().uuid().optional(),
  }),
);

function statusWhere(status: (typeof CONVERSION_STATUS_FILTERS)[number]): Prisma.ConversionWhereInput {
  if (status === "ALL") return {};
  if (status === "INELIGIBLE" || status === "OVER_CAP") return { eligibility: status };
  return { eligibility: "ELIGIBLE", review: status };
}

/** The filters as one condition; a contract number is resolved through the actor's contract scope. */
async function filtersWhere(db: Db, actor: Actor, input: z.infer<typeof ZListConversionsRequestSchema>): Promise<Prisma.ConversionWhereInput> {
  const byNumber = input.contractNumber ? (await db.contract.findMany({ where: contractWhere(actor, { number: input.contractNumber }), select: { id: true } })).map((c) => c.id) : null;
  return {
    AND: [
      statusWhere(input.status),
      input.contractId ? { contractId: input.contractId } : {},
      byNumber ? { contractId: { in: byNumber } } : {},
      input.type ? { type: input.type } : {},
      input.partner ? { partnerKey: input.partner } : {},
      input.from ? { occurredAt: { gte: fromIsoDate(input.from) } } : {},
      input.to ? { occurredAt: { lt: fromIsoDate(addDays(input.to, 1)) } } : {},
    ],
  };
}

export async function listConversions(db: Db, actor: Actor, input: z.infer<typeof ZListConversionsRequestSchema>) {
  const where = conversionWhere(actor, await filtersWhere(db, actor, input));
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
