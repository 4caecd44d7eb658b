// The givens of contract integration tests: two advertisers with their users, ops and finance people, terms and
// headers dated relative to today (amendments must take effect today or later, so fixed dates would rot), and
// shortcuts that take a contract through its lifecycle by the same procedures the pages call.
import { beforeAll } from "vitest";
import type { Actor, RequestContext } from "../auth/actor";
import { systemActor } from "../auth/actor";
import type { Db } from "../db/client";
import type { Role } from "../db/generated/enums";
import { addDays, todayIso } from "../domain/contracts/dates";
import type { ContractTerms, ContractTermsInput } from "../domain/contracts/terms";
import type { ContractHeader } from "../services/contracts/create-contract";
import { callerAs, insertAdvertiser, insertUser, userActor } from "./fixtures";
import type { TestDatabase } from "./test-db";

/** Today plus `days`, as an ISO date. */
export const fromToday = (days: number) => addDays(todayIso(), days);

type CpmLineInput = NonNullable<ContractTermsInput["cpmLines"]>[number];

export const sportsLine = (ratePerThousand = "12.50"): CpmLineInput => ({
  key: "sports",
  name: "Sports",
  inventoryType: "CTV sports",
  pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand } },
});

export const platformFee = (amount = "1000") => ({ key: "platform", name: "Platform fee", amount, frequency: "MONTHLY" as const, startDate: null, endDate: null });

/** The same terms with the Sports line at another rate: the amendment most tests propose. */
export function withSportsRate(terms: ContractTerms, ratePerThousand: string): ContractTerms {
  return { ...terms, cpmLines: terms.cpmLines.map((l) => (l.key === "sports" ? { ...l, pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand } } } : l)) };
}

export type ContractHeaderInput = ContractHeader;

/** A year-ish term that started a month ago, so amendments from today on fall inside it. */
export const contractHeader = (overrides: Partial<ContractHeaderInput> = {}): ContractHeaderInput => ({
  title: "Acme CTV",
  currency: "USD",
  termStart: fromToday(-30),
  termEnd: fromToday(300),
  paymentTermsDays: 30,
  autoRenew: false,
  renewalMonths: 12,
  noticeDays: 60,
  roundingMode: "HALF_UP",
  ...overrides,
});

type UserActor = Extract<Actor, { type: "USER" }>;

export interface ContractCast {
  acme: { id: string; name: string };
  globex: { id: string; name: string };
  ops: UserActor;
  ops2: UserActor;
  finance: UserActor;
  finance2: UserActor;
  acmeUser: UserActor;
  globexUser: UserActor;
}

async function insertCast(db: Db): Promise<ContractCast> {
  const acme = await insertAdvertiser(db, "acme");
  const globex = await insertAdvertiser(db, "globex");
  const person = async (email: string, role: Role, advertiserId: string | null = null) => userActor(await insertUser(db, { email, role, advertiserId })) as UserActor;
  return {
    acme,
    globex,
    ops: await person("ops@tally.test", "OPS"),
    ops2: await person("ops2@tally.test", "OPS"),
    finance: await person("finance@tally.test", "FINANCE"),
    finance2: await person("finance2@tally.test", "FINANCE"),
    acmeUser: await person("ana@acme.test", "ADVERTISER", acme.id),
    globexUser: await person("gus@globex.test", "ADVERTISER", globex.id),
  };
}

export const renewalJob = (): RequestContext => ({ actor: systemActor("renewal job"), source: "JOB", requestId: "renewal-job" });

/**
 * Call at the top of a test file, after useTestDatabase(): the cast is inserted before the first test, and the
 * steps act as its members through tRPC callers.
 */
export function useContractWorld(t: TestDatabase) {
  const cast = {} as ContractCast;
  beforeAll(async () => {
    Object.assign(cast, await insertCast(t.db));
  });

  const as = (actor: Actor) => callerAs(t.db, actor);

  /** OPS creates a contract (Acme's unless told otherwise); version 1 is its draft. */
  const draft = (input: { advertiserId?: string; header?: Partial<ContractHeaderInput>; terms?: ContractTermsInput } = {}) =>
    as(cast.ops).contracts.create({ advertiserId: input.advertiserId ?? cast.acme.id, header: contractHeader(input.header), terms: input.terms ?? { cpmLines: [sportsLine()] } });

  const submit = (version: { id: string; revision: number }) => as(cast.ops).contracts.submitVersion({ versionId: version.id, revision: version.revision });

  /** As many distinct finance approvals as the version needs, in order: finance, then finance2. */
  async function approve(version: { id: string; requiredApprovals: number }, decision: { backdateTo?: string; backdateReason?: string } = {}) {
    const approvers = [cast.finance, cast.finance2].slice(0, version.requiredApprovals);
    let decided;
    for (const approver of approvers) decided = await as(approver).contracts.decideVersion({ versionId: version.id, decision: "APPROVE", ...decision });
    return decided!;
  }

  /** A contract whose original version is approved: ACTIVE. */
  async function active(input: Parameters<typeof draft>[0] = {}) {
    const { contract, version } = await draft(input);
    const approved = await approve(await submit(version));
    return { contract: await as(cast.ops).contracts.byId({ id: contract.id }), version: approved };
  }

  /** OPS proposes an amendment effective `effectiveFrom`, edits its terms with `change` and submits it. */
  async function amend(contractId: string, effectiveFrom: string, change: (terms: ContractTerms) => ContractTerms) {
    const proposed = await as(cast.ops).contracts.proposeAmendment({ contractId, effectiveFrom, reason: "Rate change agreed with the advertiser" });
    const edited = await as(cast.ops).contracts.editVersion({ versionId: proposed.id, revision: proposed.revision, terms: change(proposed.terms) });
    return submit(edited);
  }

  return { cast, as, draft, submit, approve, active, amend };
}
