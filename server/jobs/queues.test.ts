// The renewal job on the real queue: pg-boss registers the daily schedule, and a job sent now runs the same
// renewal pass as `tally renewals run`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayIso } from "../domain/contracts/dates";
import { createContract } from "../services/contracts/create-contract";
import { decideVersion } from "../services/contracts/decide-version";
import { submitVersion } from "../services/contracts/submit-version";
import { insertAdvertiser, insertUser, requestAs, userActor } from "../testing/fixtures";
import { useTestDatabase } from "../testing/test-db";
import { AUTO_APPROVE_CRON, QUEUES, RENEWALS_CRON, startWorkers, type Workers } from "./queues";

const t = useTestDatabase();
let workers: Workers;
let contractId: string;

beforeAll(async () => {
  const advertiser = await insertAdvertiser(t.db, "acme");
  const ops = requestAs(userActor(await insertUser(t.db, { email: "ops@t.test", role: "OPS" })));
  const finance = requestAs(userActor(await insertUser(t.db, { email: "fin@t.test", role: "FINANCE" })));
  const today = todayIso();
  // Ends in 20 days with 30 days' notice: the renewal is due.
  const { contract, version } = await createContract(t.db, ops, {
    advertiserId: advertiser.id,
    header: { title: "Due", currency: "USD", termStart: addMonths(today, -6), termEnd: addDays(today, 20), paymentTermsDays: 30, autoRenew: true, renewalMonths: 6, noticeDays: 30, roundingMode: "HALF_UP" },
    terms: { recurringFees: [{ key: "fee", name: "Fee", amount: "100", frequency: "MONTHLY", startDate: null, endDate: null }], cpmLines: [], cpaLines: [], partnerTerms: [] },
  });
  contractId = contract.id;
  const submitted = await submitVersion(t.db, ops, { versionId: version.id, revision: version.revision });
  await decideVersion(t.db, finance, { versionId: submitted.id, decision: "APPROVE" });
  workers = await startWorkers(t.url);
});

afterAll(async () => {
  await workers?.stop();
});

describe("background workers", () => {
  it("schedule the renewal pass daily", async () => {
    const schedules = await workers.boss.getSchedules();
    expect(schedules).toContainEqual(expect.objectContaining({ name: QUEUES.renewals, cron: RENEWALS_CRON, timezone: "UTC" }));
    expect(schedules).toContainEqual(expect.objectContaining({ name: QUEUES.autoApprove, cron: AUTO_APPROVE_CRON, timezone: "UTC" }));
  });

  it("run a renewal job: the due contract gets a renewal version submitted for approval", async () => {
    const jobId = await workers.boss.send(QUEUES.renewals, {});
    expect(jobId).toBeTruthy();
    let state: string | undefined;
    for (let i = 0; i < 60 && state !== "completed" && state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await workers.boss.getJobById(QUEUES.renewals, jobId!))?.state;
    }
    expect(state).toBe("completed");
    const renewal = await t.db.contractVersion.findFirst({ where: { contractId, kind: "RENEWAL" } });
    expect(renewal).toMatchObject({ status: "PENDING_APPROVAL", authorId: null });
  });
});
