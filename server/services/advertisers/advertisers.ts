// Advertiser accounts: list, read, create. Reads go through the advertiser scope, so an advertiser asking for
// another advertiser's id gets NOT_FOUND, exactly as if it did not exist.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { advertiserWhere } from "./advertiser-scope";
import { pageOf, pageWindow } from "../pagination";

export const ZCurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, "Use a three-letter ISO 4217 code, e.g. USD");

export const ZCreateAdvertiserRequestSchema = z.object({
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(120),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$/, "Lower-case letters, digits and dashes (2–40), e.g. acme-tv"),
  currency: ZCurrencyCode.default("USD"),
});
export type CreateAdvertiserRequest = z.infer<typeof ZCreateAdvertiserRequestSchema>;

export const ZListAdvertisersRequestSchema = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
  search: z.string().trim().max(100).optional(),
});
export type ListAdvertisersRequest = z.infer<typeof ZListAdvertisersRequestSchema>;

const advertiserSelect = { id: true, name: true, slug: true, currency: true, createdAt: true } as const;

export async function listAdvertisers(db: Db, actor: Actor, input: ListAdvertisersRequest) {
  const where = advertiserWhere(actor, input.search ? { name: { contains: input.search, mode: "insensitive" } } : {});
  const [total, items] = await Promise.all([
    db.advertiser.count({ where }),
    db.advertiser.findMany({
      where,
      select: { ...advertiserSelect, _count: { select: { users: true } } },
      orderBy: { name: "asc" },
      ...pageWindow(input),
    }),
  ]);
  return pageOf(input, total, items.map(({ _count, ...a }) => ({ ...a, userCount: _count.users })));
}

export async function getAdvertiser(db: Db, actor: Actor, id: string) {
  const advertiser = await db.advertiser.findFirst({
    where: advertiserWhere(actor, { id }),
    select: {
      ...advertiserSelect,
      users: { select: { id: true, name: true, email: true, disabledAt: true }, orderBy: { name: "asc" } },
    },
  });
  if (!advertiser) throw notFound("Advertiser not found");
  return advertiser;
}

export async function createAdvertiser(db: Db, ctx: RequestContext, input: CreateAdvertiserRequest) {
  return db.$transaction(async (tx) => {
    const taken = await tx.advertiser.findUnique({ where: { slug: input.slug }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", "That handle is already used", { fieldErrors: { slug: ["Already used by another advertiser"] } });
    const advertiser = await tx.advertiser.create({ data: input, select: advertiserSelect });
    await recordAudit(tx, ctx, { action: "advertiser.created", entityId: advertiser.id, after: advertiser });
    return advertiser;
  });
}
