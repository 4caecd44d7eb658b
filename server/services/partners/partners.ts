// Partners (publishers, networks, affiliates) and their default payout: what a partner earns wherever a contract's
// partner terms do not name it. Staff only; advertisers never see partners or their terms.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import { ZPartnerTerm } from "../../domain/contracts/terms";
import type { PartnerDefault, PartnerPayout } from "../../domain/payouts/partner-payouts";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { pageOf, pageWindow } from "../pagination";

export const ZPartnerPayout = ZPartnerTerm.shape.payout;

const ZPartnerFields = z.object({
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(120),
  defaultPayout: ZPartnerPayout.nullable().default(null),
  email: z.union([z.literal(""), z.string().trim().email("Not an e-mail address")]).transform((e) => e || null).nullable().default(null),
  paymentDetails: z.string().trim().max(500).transform((d) => d || null).nullable().default(null),
});

export const ZCreatePartnerRequestSchema = ZPartnerFields.extend({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "Lower-case letters, digits and dashes, e.g. streamhub — what feeds and contract terms call it"),
});
export const ZUpdatePartnerRequestSchema = ZPartnerFields.extend({ id: z.string().uuid() });

export const ZListPartnersRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
});

const partnerSelect = { id: true, key: true, name: true, defaultPayout: true, email: true, paymentDetails: true, createdAt: true } as const;

function partnerOf<T extends { defaultPayout: unknown }>(row: T) {
  return { ...row, defaultPayout: row.defaultPayout === null ? null : ZPartnerPayout.parse(row.defaultPayout) };
}

export async function listPartners(db: Db, input: z.infer<typeof ZListPartnersRequestSchema>) {
  const where = input.search ? { OR: [{ name: { contains: input.search, mode: "insensitive" as const } }, { key: { contains: input.search.toLowerCase() } }] } : {};
  const [total, rows] = await Promise.all([db.partner.count({ where }), db.partner.findMany({ where, select: partnerSelect, orderBy: { name: "asc" }, ...pageWindow(input) })]);
  return pageOf(input, total, rows.map(partnerOf));
}

export async function getPartner(db: Db, id: string) {
  const partner = await db.partner.findUnique({ where: { id }, select: partnerSelect });
  if (!partner) throw notFound("Partner not found");
  return partnerOf(partner);
}

export async function createPartner(db: Db, ctx: RequestContext, input: z.infer<typeof ZCreatePartnerRequestSchema>) {
  return db.$transaction(async (tx) => {
    if (await tx.partner.findUnique({ where: { key: input.key }, select: { id: true } })) {
      throw new AppError("CONFLICT", "That key is already used", { fieldErrors: { key: ["Already used by another partner"] } });
    }
    const partner = partnerOf(await tx.partner.create({ data: { ...input, defaultPayout: input.defaultPayout ?? undefined }, select: partnerSelect }));
    await recordAudit(tx, ctx, { action: "partner.created", entityId: partner.id, after: partner });
    return partner;
  });
}

export async function updatePartner(db: Db, ctx: RequestContext, { id, ...input }: z.infer<typeof ZUpdatePartnerRequestSchema>) {
  return db.$transaction(async (tx) => {
    const before = await tx.partner.findUnique({ where: { id }, select: partnerSelect });
    if (!before) throw notFound("Partner not found");
    const partner = partnerOf(await tx.partner.update({ where: { id }, data: { ...input, defaultPayout: input.defaultPayout ?? Prisma.DbNull }, select: partnerSelect }));
    await recordAudit(tx, ctx, { action: "partner.updated", entityId: id, before: partnerOf(before), after: partner });
    return partner;
  });
}

/** Default terms by partner key, for payout drafting. */
export async function partnerDefaults(db: Db): Promise<Map<string, PartnerDefault & { id: string }>> {
  const rows = await db.partner.findMany({ select: { id: true, key: true, name: true, defaultPayout: true } });
  return new Map(rows.map((r) => [r.key, { id: r.id, key: r.key, name: r.name, payout: r.defaultPayout === null ? null : (ZPartnerPayout.parse(r.defaultPayout) as PartnerPayout) }]));
}
