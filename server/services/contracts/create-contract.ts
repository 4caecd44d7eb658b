// OPS opens a contract: the header, and version 1 (ORIGINAL) as a draft holding the initial terms.
import { z } from "zod";
import type { RequestContext } from "../../auth/actor";
import type { Db, Tx } from "../../db/client";
import { fromIsoDate } from "../../domain/contracts/dates";
import { ZContractTerms, ZIsoDate } from "../../domain/contracts/terms";
import { ZCurrency } from "../../domain/money";
import { AppError } from "../../errors";
import { recordAudit } from "../audit/record-audit";
import { assertRateCardReferences } from "../rateCards/rate-cards";
import { contractView, versionView } from "./contract-views";

export const ZContractHeader = z
  .object({
    title: z.string().trim().min(2, "Give the contract a title").max(120),
    currency: ZCurrency,
    termStart: ZIsoDate,
    termEnd: ZIsoDate,
    paymentTermsDays: z.number().int().min(0, "Net days cannot be negative").max(180, "At most 180 days"),
    autoRenew: z.boolean(),
    renewalMonths: z.number().int().min(1, "At least one month").max(60, "At most 60 months"),
    noticeDays: z.number().int().min(0).max(365, "At most 365 days"),
    /** How each invoice line rounds to the currency's minor unit (money rules). */
    roundingMode: z.enum(["HALF_UP", "HALF_EVEN"], { error: "Choose half-up or half-even rounding" }),
  })
  .refine((h) => h.termEnd >= h.termStart, { path: ["termEnd"], message: "The term cannot end before it starts" });

export type ContractHeader = z.infer<typeof ZContractHeader>;

export const ZCreateContractRequestSchema = z.object({
  advertiserId: z.string().uuid("Choose an advertiser"),
  header: ZContractHeader,
  terms: ZContractTerms,
});
export type CreateContractRequest = z.infer<typeof ZCreateContractRequestSchema>;

/** C-<year>-0001: the per-year counter row is locked by the upsert, so concurrent creations get distinct numbers. */
async function nextContractNumber(tx: Tx, year: number): Promise<string> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO contract_number_sequence (year, last) VALUES (${year}, 1)
    ON CONFLICT (year) DO UPDATE SET last = contract_number_sequence.last + 1
    RETURNING last`;
  return `C-${year}-${String(row.last).padStart(4, "0")}`;
}

export async function createContract(db: Db, ctx: RequestContext, input: CreateContractRequest) {
  if (ctx.actor.type !== "USER") throw new AppError("FORBIDDEN", "Contracts are written by people");
  const authorId = ctx.actor.id;
  return db.$transaction(async (tx) => {
    const advertiser = await tx.advertiser.findUnique({ where: { id: input.advertiserId }, select: { id: true } });
    if (!advertiser) throw new AppError("VALIDATION_FAILED", "Advertiser not found", { fieldErrors: { advertiserId: ["No such advertiser"] } });
    await assertRateCardReferences(tx, input.terms);
    const { header } = input;
    const contract = await tx.contract.create({
      data: {
        number: await nextContractNumber(tx, new Date().getUTCFullYear()),
        advertiserId: input.advertiserId,
        ...header,
        termStart: fromIsoDate(header.termStart),
        termEnd: fromIsoDate(header.termEnd),
        createdById: authorId,
      },
    });
    const version = await tx.contractVersion.create({
      data: { contractId: contract.id, number: 1, kind: "ORIGINAL", effectiveFrom: contract.termStart, terms: input.terms, authorId },
    });
    await recordAudit(tx, ctx, { action: "contract.created", entityId: contract.id, after: { ...contractView(contract), firstVersionId: version.id } });
    await recordAudit(tx, ctx, { action: "contractVersion.created", entityId: version.id, after: { contract: contract.number, number: 1, kind: "ORIGINAL", terms: input.terms } });
    return { contract: contractView(contract), version: versionView(version) };
  });
}
