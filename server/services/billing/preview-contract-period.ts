// What a contract's draft invoice for one month would be, computed from the same inputs a billing run uses
// (approved terms, rate card versions, current delivery) and saving nothing. Behind `tally preview`, the
// delivery page's preview panel, and (later) the billing run itself.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { toIsoDate } from "../../domain/contracts/dates";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import { priceCpmPeriod, type PeriodDraft } from "../../domain/billing/cpm-period";
import { describeFlag, explainLine } from "../../domain/billing/explain-line";
import { ZRateCardEntries } from "../../domain/pricing/rate-card";
import { notFound } from "../../errors";
import { findContractsWithTerms, type ContractWithTerms } from "../contracts/contract-terms-in-force";
import { currentDelivery } from "../delivery/delivery-queries";

export const ZPreviewContractPeriodRequestSchema = z
  .object({
    contractId: z.string().uuid().optional(),
    contractNumber: z.string().trim().toUpperCase().regex(/^C-\d{4}-\d{4,}$/, "Use a contract number like C-2026-0001").optional(),
    period: ZBillingPeriod,
  })
  .refine((r) => r.contractId || r.contractNumber, { message: "Name the contract", path: ["contractNumber"] });

/** Every version of every rate card the contract's lines reference, by card name. */
async function rateCardsFor(db: Db, contract: ContractWithTerms) {
  const names = new Set<string>();
  for (const v of contract.versions) for (const l of v.terms.cpmLines) if (l.pricing.source === "RATE_CARD") names.add(l.pricing.rateCard);
  const cards = await db.rateCard.findMany({ where: { name: { in: [...names] } }, include: { versions: { orderBy: { number: "asc" } } } });
  return Object.fromEntries(
    cards.map((c) => [c.name, c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), entries: ZRateCardEntries.parse(v.entries) }))]),
  );
}

export interface ContractPeriodPreview {
  contract: { id: string; number: string; title: string; currency: string; roundingMode: string };
  period: string;
  from: string;
  to: string;
  draft: PeriodDraft;
  /** Each line's trace in sentences (by line key), and each flag as a sentence, in the draft's order. */
  explanations: Record<string, string[]>;
  flagSummaries: string[];
}

export async function previewContractPeriod(db: Db, actor: Actor, input: z.infer<typeof ZPreviewContractPeriodRequestSchema>): Promise<ContractPeriodPreview> {
  const where = input.contractId ? { id: input.contractId } : { number: input.contractNumber };
  const [contract] = await findContractsWithTerms(db, actor, where);
  if (!contract) throw notFound(`No contract ${input.contractNumber ?? input.contractId} with approved terms`);
  const bounds = periodBounds(input.period);
  const [rateCards, delivery] = await Promise.all([rateCardsFor(db, contract), currentDelivery(db, contract.id, bounds)]);
  const draft = priceCpmPeriod({
    contract: { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode, term: contract.term },
    period: bounds,
    versions: contract.versions,
    rateCards,
    delivery,
    // Nothing has been invoiced before billing runs exist; billing passes what issued invoices already billed.
    prior: [],
  });
  return {
    explanations: Object.fromEntries(draft.lines.map((l) => [l.key, explainLine(l, contract.currency, contract.roundingMode)])),
    flagSummaries: draft.flags.map((f) => describeFlag(f, contract.currency)),
    contract: { id: contract.id, number: contract.number, title: contract.title, currency: contract.currency, roundingMode: contract.roundingMode },
    period: input.period,
    ...bounds,
    draft,
  };
}
