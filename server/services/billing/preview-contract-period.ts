// What a contract's draft invoice for one month would be (price-contract-period.ts: the same pricing billing runs
// use), with every line explained, saving nothing. Behind `tally preview` and the delivery page's preview panel.
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { periodBounds, ZBillingPeriod } from "../../domain/billing/billing-period";
import type { PeriodDraft } from "../../domain/billing/cpm-period";
import { describeFlag, explainLine } from "../../domain/billing/explain-line";
import { notFound } from "../../errors";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { priceContractPeriod } from "./price-contract-period";

export const ZPreviewContractPeriodRequestSchema = z
  .object({
    contractId: z.string().uuid().optional(),
    contractNumber: z.string().trim().toUpperCase().regex(/^C-\d{4}-\d{4,}$/, "Use a contract number like C-2026-0001").optional(),
    period: ZBillingPeriod,
  })
  .refine((r) => r.contractId || r.contractNumber, { message: "Name the contract", path: ["contractNumber"] });

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
  const { draft } = await priceContractPeriod(db, contract, input.period);
  return {
    explanations: Object.fromEntries(draft.lines.map((l) => [l.key, explainLine(l, contract.currency, contract.roundingMode)])),
    flagSummaries: draft.flags.map((f) => describeFlag(f, contract.currency)),
    contract: { id: contract.id, number: contract.number, title: contract.title, currency: contract.currency, roundingMode: contract.roundingMode },
    period: input.period,
    ...periodBounds(input.period),
    draft,
  };
}
