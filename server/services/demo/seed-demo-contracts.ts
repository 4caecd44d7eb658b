// Demo contracts, written through the same services people use (so their audit trail is real): an active CPM
// contract with an approved amendment and one awaiting approval, a CPA contract with partner terms, a draft,
// and a contract ending soon that auto-renews (its renewal is opened by the renewal pass).
import { randomUUID } from "node:crypto";
import { systemActor, type Actor, type RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { addDays, addMonths, todayIso } from "../../domain/contracts/dates";
import { ZContractTerms, type ContractTermsInput } from "../../domain/contracts/terms";
import { createContract } from "../contracts/create-contract";
import { decideVersion } from "../contracts/decide-version";
import { editVersion } from "../contracts/edit-version";
import { proposeAmendment } from "../contracts/propose-version";
import { runRenewals } from "../contracts/run-renewals";
import { submitVersion } from "../contracts/submit-version";
import { createRateCard, publishRateCardVersion } from "../rateCards/rate-cards";

const perMille = (key: string, name: string, rate: string, extra: object = {}) => ({
  key,
  name,
  inventoryType: name,
  pricing: { source: "OVERRIDE" as const, model: { model: "perMille" as const, ratePerThousand: rate } },
  ...extra,
});

const ACME_TERMS: ContractTermsInput = {
  recurringFees: [{ key: "platform", name: "Platform fee", amount: "4000.00", frequency: "MONTHLY" }],
  cpmLines: [
    perMille("sports", "Sports", "12.50", { minimumCommitment: { amount: "5000.00", period: "MONTHLY" }, discrepancyThresholdPercent: "10" }),
    perMille("news", "News", "9.00"),
    {
      key: "entertainment",
      name: "Entertainment",
      inventoryType: "Entertainment",
      pricing: {
        source: "OVERRIDE",
        model: { model: "graduated", tiers: [{ upTo: "1000000", unitPrice: "0.011" }, { upTo: "5000000", unitPrice: "0.0095" }, { upTo: null, unitPrice: "0.008" }] },
      },
      periodCap: "40000.00",
    },
  ],
  partnerTerms: [{ partnerKey: "streamhub", partnerName: "StreamHub Network", payout: { kind: "CPM_SHARE", percent: "55" } }],
};

const GLOBEX_TERMS: ContractTermsInput = {
  recurringFees: [{ key: "platform", name: "Platform fee", amount: "1200.00", frequency: "MONTHLY" }],
  cpaLines: [
    {
      key: "app-installs",
      name: "App installs",
      payouts: [
        { conversionType: "app_install", flat: "4.50" },
        { conversionType: "purchase", flat: "10.00", percentOfValue: "5", maxPerConversion: "40.00" },
      ],
      attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
      eligibility: { conversionTypes: ["app_install", "purchase"], geographies: ["DE", "FR", "NL"], newCustomersOnly: true },
      caps: { perDay: { conversions: 5000 }, perPeriod: { spend: "90000.00" } },
      lockPeriodDays: 14,
    },
  ],
  partnerTerms: [
    { partnerKey: "affiliate-one", partnerName: "Affiliate One", payout: { kind: "FLAT_PER_CONVERSION", amount: "2.00" } },
    { partnerKey: "streamhub", partnerName: "StreamHub Network", payout: { kind: "REVENUE_SHARE", percent: "35" } },
  ],
};

const UMBRELLA_TERMS: ContractTermsInput = {
  recurringFees: [{ key: "platform", name: "Platform fee", amount: "800.00", frequency: "MONTHLY" }],
  cpmLines: [
    perMille("outdoor", "Outdoor sports", "15.00", { billableSource: "THIRD_PARTY" }),
    { key: "news", name: "News", inventoryType: "News", pricing: { source: "RATE_CARD", rateCard: "CTV CPM", entry: "news" } },
  ],
};

const rateCardEntry = (key: string, name: string, ratePerThousand: string) => ({ key, name, model: { model: "perMille" as const, ratePerThousand } });

export async function seedDemoContracts(db: Db, people: { ops: Actor; finance: Actor; finance2: Actor }, advertiserIds: Map<string, string>) {
  const as = (actor: Actor): RequestContext => ({ actor, source: "CLI", requestId: `seed-${randomUUID()}` });
  const today = todayIso();

  async function contract(slug: string, header: Parameters<typeof createContract>[2]["header"], terms: ContractTermsInput, approve: boolean) {
    const created = await createContract(db, as(people.ops), { advertiserId: advertiserIds.get(slug)!, header, terms: ZContractTerms.parse(terms) });
    if (!approve) return created;
    const submitted = await submitVersion(db, as(people.ops), { versionId: created.version.id, revision: created.version.revision });
    await decideVersion(db, as(people.finance), { versionId: submitted.id, decision: "APPROVE", comment: "Terms match the signed order form." });
    if (submitted.requiredApprovals === 2) await decideVersion(db, as(people.finance2), { versionId: submitted.id, decision: "APPROVE", comment: "Second approval: value above threshold." });
    return created;
  }

  const currency = (slug: string) => ({ acme: "USD", globex: "EUR", initech: "USD", umbrella: "GBP" })[slug]!;
  const header = (slug: string, title: string, start: string, end: string, autoRenew: boolean) => ({
    title, currency: currency(slug), termStart: start, termEnd: end, paymentTermsDays: 30, autoRenew, renewalMonths: 12, noticeDays: 60, roundingMode: "HALF_UP" as const,
  });

  // The house rate card: CPM by inventory type, with a price rise published for the first of next month.
  const { id: rateCardId } = await createRateCard(db, as(people.ops), {
    name: "CTV CPM",
    description: "List CPM by inventory type for connected-TV placements",
    effectiveFrom: today,
    entries: [rateCardEntry("sports", "Sports", "12.00"), rateCardEntry("news", "News", "8.50"), rateCardEntry("entertainment", "Entertainment", "10.00")],
    note: "Launch prices",
  });
  await publishRateCardVersion(db, as(people.ops), {
    rateCardId,
    effectiveFrom: addMonths(today.slice(0, 8) + "01", 1),
    entries: [rateCardEntry("sports", "Sports", "13.00"), rateCardEntry("news", "News", "8.50"), rateCardEntry("entertainment", "Entertainment", "10.50")],
    note: "Winter sports premium",
  });

  // Acme: a year-long CPM deal that started four months ago (two approvers: it commits > 100,000).
  const acme = await contract("acme", header("acme", "Acme CTV 2026–27", addMonths(today, -4), addDays(addMonths(today, 8), -1), true), ACME_TERMS, true);
  // An approved amendment: finance backdated it to the start of last month (a rate renegotiated retroactively).
  const raise = await proposeAmendment(db, as(people.ops), { contractId: acme.contract.id, effectiveFrom: today, reason: "News rate renegotiated" });
  const raised = structuredClone(raise.terms);
  const news = raised.cpmLines.find((l) => l.key === "news")!;
  if (news.pricing.source === "OVERRIDE" && news.pricing.model.model === "perMille") news.pricing.model.ratePerThousand = "9.75";
  const edited = await editVersion(db, as(people.ops), { versionId: raise.id, revision: raise.revision, terms: raised });
  const pending = await submitVersion(db, as(people.ops), { versionId: edited.id, revision: edited.revision });
  const backdateTo = addMonths(today.slice(0, 8) + "01", -1);
  await decideVersion(db, as(people.finance), { versionId: pending.id, decision: "APPROVE", backdateTo, backdateReason: "Agreed in the October business review", comment: "OK" });
  if (pending.requiredApprovals === 2) await decideVersion(db, as(people.finance2), { versionId: pending.id, decision: "APPROVE" });
  // And an amendment waiting in finance's queue: Sports goes to 14.00 from the first of next month.
  const nextMonth = addMonths(today.slice(0, 8) + "01", 1);
  const sports = await proposeAmendment(db, as(people.ops), { contractId: acme.contract.id, effectiveFrom: nextMonth, reason: "Sports premium for the playoffs" });
  const sportsTerms = structuredClone(sports.terms);
  const line = sportsTerms.cpmLines.find((l) => l.key === "sports")!;
  if (line.pricing.source === "OVERRIDE" && line.pricing.model.model === "perMille") line.pricing.model.ratePerThousand = "14.00";
  const sportsEdited = await editVersion(db, as(people.ops), { versionId: sports.id, revision: sports.revision, terms: sportsTerms });
  await submitVersion(db, as(people.ops), { versionId: sportsEdited.id, revision: sportsEdited.revision });

  // Globex: CPA with partners, active.
  await contract("globex", header("globex", "Globex performance 2026", addMonths(today, -2), addDays(addMonths(today, 10), -1), false), GLOBEX_TERMS, true);
  // Initech: still a draft being written.
  await contract("initech", header("initech", "Initech spring flight", addMonths(today, 1), addDays(addMonths(today, 4), -1), false), { cpmLines: [perMille("home", "Home & garden", "10.00")] }, false);
  // Umbrella: ends in 45 days and auto-renews; the renewal pass opens its renewal now (notice 60 days).
  await contract("umbrella", header("umbrella", "Umbrella outdoor season", addMonths(today, -11), addDays(today, 45), true), UMBRELLA_TERMS, true);
  // The renewal pass runs as the system, as the daily job does.
  await runRenewals(db, { actor: systemActor("renewal job"), source: "JOB", requestId: `seed-${randomUUID()}` });
}
