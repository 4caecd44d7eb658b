// Rate cards: list, read with every version and what changed between them, create, publish a new version, and
// the check that contract lines only reference entries that exist. Versions are never edited (the database
// refuses): a change of price is a new version from a date.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { fromIsoDate, todayIso, toIsoDate } from "../../domain/contracts/dates";
import { ZIsoDate, type ContractTerms } from "../../domain/contracts/terms";
import { describeChange } from "../../domain/contracts/terms-diff";
import { diffRateCardEntries, rateCardVersionFor, ZRateCardEntries } from "../../domain/pricing/rate-card";
import { AppError, notFound } from "../../errors";
import { recordAudit } from "../audit/record-audit";

const ZPublish = {
  effectiveFrom: ZIsoDate,
  entries: ZRateCardEntries,
  note: z.string().trim().max(500).optional(),
};

export const ZCreateRateCardRequestSchema = z.object({
  name: z.string().trim().min(2, "Name needs at least 2 characters").max(80),
  description: z.string().trim().max(500).optional(),
  ...ZPublish,
});
export const ZPublishRateCardVersionRequestSchema = z.object({ rateCardId: z.string().uuid(), ...ZPublish });

const versionOf = (v: { id: string; number: number; effectiveFrom: Date; entries: unknown; note: string | null; createdAt: Date }) => ({
  id: v.id,
  number: v.number,
  effectiveFrom: toIsoDate(v.effectiveFrom),
  entries: ZRateCardEntries.parse(v.entries),
  note: v.note,
  createdAt: v.createdAt,
});

export async function listRateCards(db: Db) {
  const cards = await db.rateCard.findMany({ orderBy: { name: "asc" }, include: { versions: { orderBy: { number: "asc" } } } });
  const today = todayIso();
  return cards.map((card) => {
    const versions = card.versions.map(versionOf);
    const inForce = rateCardVersionFor(versions, today);
    const next = versions.find((v) => v.effectiveFrom > today);
    return {
      id: card.id,
      name: card.name,
      description: card.description,
      versionCount: versions.length,
      inForceVersion: inForce?.number ?? null,
      nextVersion: next ? { number: next.number, effectiveFrom: next.effectiveFrom } : null,
      entryCount: (inForce ?? versions.at(-1))?.entries.length ?? 0,
    };
  });
}

export async function getRateCard(db: Db, id: string) {
  const card = await db.rateCard.findUnique({ where: { id }, include: { versions: { orderBy: { number: "asc" } } } });
  if (!card) throw notFound("Rate card not found");
  const versions = card.versions.map(versionOf);
  const inForce = rateCardVersionFor(versions, todayIso());
  return {
    id: card.id,
    name: card.name,
    description: card.description,
    inForceVersion: inForce?.number ?? null,
    versions: versions.map((v, i) => ({
      ...v,
      changes: i === 0 ? [] : diffRateCardEntries(versions[i - 1].entries, v.entries).map((c) => describeChange(c, v.effectiveFrom)),
    })),
  };
}

function checkNotBackdated(effectiveFrom: string) {
  const today = todayIso();
  if (effectiveFrom < today) throw new AppError("EFFECTIVE_DATE_INVALID", "A rate card version takes effect today or later", { fieldErrors: { effectiveFrom: [`Choose ${today} or later`] } });
}

export async function createRateCard(db: Db, ctx: RequestContext, input: z.infer<typeof ZCreateRateCardRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Rate cards are written by people");
  const userId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    if (await tx.rateCard.findUnique({ where: { name: input.name }, select: { id: true } })) {
      throw new AppError("CONFLICT", "A rate card with this name exists", { fieldErrors: { name: ["Already used by another rate card"] } });
    }
    const card = await tx.rateCard.create({ data: { name: input.name, description: input.description ?? null, createdById: userId } });
    const version = await tx.rateCardVersion.create({
      data: { rateCardId: card.id, number: 1, effectiveFrom: fromIsoDate(input.effectiveFrom), entries: input.entries, note: input.note ?? null, createdById: userId },
    });
    await recordAudit(tx, ctx, { action: "rateCard.created", entityId: card.id, after: { name: card.name, description: card.description } });
    await recordAudit(tx, ctx, { action: "rateCardVersion.published", entityId: version.id, after: { rateCard: card.name, number: 1, effectiveFrom: input.effectiveFrom, entries: input.entries } });
    return { id: card.id, versionId: version.id };
  });
}

export async function publishRateCardVersion(db: Db, ctx: RequestContext, input: z.infer<typeof ZPublishRateCardVersionRequestSchema>) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Rate cards are written by people");
  const userId = ctx.actor.id;
  checkNotBackdated(input.effectiveFrom);
  return db.$transaction(async (tx) => {
    // Lock the card: concurrent publishers get consecutive numbers, never the same one.
    await tx.$queryRaw`SELECT id FROM rate_card WHERE id = ${input.rateCardId}::uuid FOR UPDATE`;
    const card = await tx.rateCard.findUnique({ where: { id: input.rateCardId }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
    if (!card) throw notFound("Rate card not found");
    const number = (card.versions[0]?.number ?? 0) + 1;
    const version = await tx.rateCardVersion.create({
      data: { rateCardId: card.id, number, effectiveFrom: fromIsoDate(input.effectiveFrom), entries: input.entries, note: input.note ?? null, createdById: userId },
    });
    await recordAudit(tx, ctx, { action: "rateCardVersion.published", entityId: version.id, after: { rateCard: card.name, number, effectiveFrom: input.effectiveFrom, entries: input.entries }, reason: input.note ?? null });
    return { id: version.id, number };
  });
}

/** Every rate card reference of a contract's CPM lines must name an existing card and entry (and version, if pinned). */
export async function assertRateCardReferences(tx: Tx, terms: ContractTerms) {
  const fieldErrors: Record<string, string[]> = {};
  for (const [i, line] of terms.cpmLines.entries()) {
    if (line.pricing.source !== "RATE_CARD") continue;
    const { rateCard, entry, pinnedVersion } = line.pricing;
    const card = await tx.rateCard.findUnique({ where: { name: rateCard }, include: { versions: true } });
    const at = `terms.cpmLines.${i}.pricing`;
    if (!card) {
      fieldErrors[`${at}.rateCard`] = [`No rate card named “${rateCard}”`];
      continue;
    }
    const versions = pinnedVersion === null ? card.versions : card.versions.filter((v) => v.number === pinnedVersion);
    if (pinnedVersion !== null && versions.length === 0) fieldErrors[`${at}.pinnedVersion`] = [`${rateCard} has no version ${pinnedVersion}`];
    else if (!versions.some((v) => ZRateCardEntries.parse(v.entries).some((e) => e.key === entry))) fieldErrors[`${at}.entry`] = [`${rateCard} has no entry “${entry}”`];
  }
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION_FAILED", "A CPM line references a rate card entry that does not exist", { fieldErrors });
}
