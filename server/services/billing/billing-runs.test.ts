// Billing runs on the real queue and a real database: every contract in force gets one draft, a rerun writes the
// same drafts and no second one, an issued invoice is never touched (and the database refuses changes to it), one
// contract's failure is recorded without stopping the run, and the run drafts the period's payout statements.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOf, shiftPeriod } from "../../domain/billing/billing-period";
import { fromToday, platformFee, sportsLine, useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { closeQueueClients } from "../../jobs/queue-client";
import { startWorkers, type Workers } from "../../jobs/queues";
import { getBillingRun, processBillingItems, startBillingRun } from "./billing-runs";

const t = useTestDatabase();
const { cast, active, draft } = useContractWorld(t);
let workers: Workers;
/** Last month: inside the terms (they started 30 days ago) for at least some days. */
const period = shiftPeriod(periodOf(fromToday(0)), -1);
const contractIds: string[] = [];

async function settled(runId: string) {
  for (let i = 0; i < 300; i++) {
    const run = await getBillingRun(t.db, runId);
    if (run.status === "DONE") return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The billing run did not finish in 60 s");
}

const drafts = () => t.db.invoice.findMany({ where: { period }, include: { lines: { orderBy: { position: "asc" } } }, orderBy: { contractId: "asc" } });
const shape = (invoices: Awaited<ReturnType<typeof drafts>>) => invoices.map((i) => ({ contractId: i.contractId, total: i.total.toFixed(), status: i.status, lines: i.lines.map((l) => [l.key, l.amount.toFixed(), l.unrounded]) }));

beforeAll(async () => {
  for (const fee of ["1000", "2500", "400"]) contractIds.push((await active({ terms: { recurringFees: [platformFee(fee)], cpmLines: [sportsLine()] } })).contract.id);
  workers = await startWorkers(t.url);
});

afterAll(async () => {
  await workers?.stop();
  await closeQueueClients();
});

describe("billing runs", () => {
  it("drafts one invoice per contract in force through the queue, total = Σ rounded lines, and reports progress", async () => {
    const started = await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] });
    expect(started).toMatchObject({ period, status: "RUNNING", total: 3 });
    const run = await settled(started.id);
    expect(run).toMatchObject({ total: 3, done: 3, failed: 0, failures: [] });
    const invoices = await drafts();
    expect(invoices.map((i) => i.contractId).sort()).toEqual([...contractIds].sort());
    for (const invoice of invoices) {
      expect(invoice.status).toBe("DRAFT");
      expect(invoice.total.toFixed()).toBe(invoice.lines.reduce((sum, l) => sum.plus(l.amount), invoice.total.minus(invoice.total)).toFixed());
      expect(invoice.flags).toContainEqual(expect.objectContaining({ kind: "ZERO_DELIVERY" }));
    }
  });

  it("rerun on the same inputs writes the same drafts, and never a second one", async () => {
    const before = shape(await drafts());
    await settled((await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] })).id);
    expect(shape(await drafts())).toEqual(before);
    expect(await t.db.invoice.count({ where: { period } })).toBe(3);
  });

  it("leaves an issued invoice as it is, and the database refuses any change to it", async () => {
    const [first] = await drafts();
    await t.db.invoice.update({ where: { id: first.id }, data: { status: "ISSUED", number: "INV-2026-000001", issuedAt: new Date(), dueDate: new Date() } });
    const run = await settled((await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] })).id);
    expect(run.done).toBe(3);
    expect((await t.db.invoice.findUniqueOrThrow({ where: { id: first.id } })).draftedAt).toEqual(first.draftedAt);
    await expect(t.db.$executeRaw`UPDATE invoice SET total = 0 WHERE id = ${first.id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(t.db.$executeRaw`UPDATE invoice_line SET amount = 0 WHERE invoice_id = ${first.id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(t.db.$executeRaw`DELETE FROM invoice_line WHERE invoice_id = ${first.id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(
      t.db.$executeRaw`INSERT INTO invoice_line (id, invoice_id, position, key, kind, line_key, description, quantity, unrounded, amount, trace)
        VALUES (gen_random_uuid(), ${first.id}::uuid, 99, 'sneaked', 'MANUAL', 'x', 'Sneaked in', '1', '1', 1, '{}')`,
    ).rejects.toThrow(/cannot change/);
    // A draft's line moved onto the issued invoice is refused too (the statement's lines after the change).
    const [, second] = await drafts();
    await expect(t.db.$executeRaw`UPDATE invoice_line SET invoice_id = ${first.id}::uuid, key = key || '-moved' WHERE invoice_id = ${second.id}::uuid`).rejects.toThrow(/cannot change/);
    expect(await t.db.invoiceLine.count({ where: { invoiceId: first.id } })).toBe(first.lines.length);
    // Billed conversions: only a draft's, and an issued invoice's stay as they are.
    const billConversion = (invoiceId: string) => t.db.$executeRaw`INSERT INTO invoice_conversion (invoice_id, conversion_id, amount) VALUES (${invoiceId}::uuid, gen_random_uuid(), 1)`;
    await expect(billConversion(first.id)).rejects.toThrow(/belong to a draft/);
    await expect(billConversion(randomUUID())).rejects.toThrow(/belong to a draft/);
    await billConversion(second.id);
    await t.db.$executeRaw`UPDATE invoice SET status = 'ISSUED', number = 'INV-2026-000002', issued_at = now(), due_date = now() WHERE id = ${second.id}::uuid`;
    await expect(t.db.$executeRaw`DELETE FROM invoice_conversion WHERE invoice_id = ${second.id}::uuid`).rejects.toThrow(/cannot change/);
    await expect(t.db.$executeRaw`UPDATE invoice_conversion SET amount = 2 WHERE invoice_id = ${second.id}::uuid`).rejects.toThrow(/cannot change/);
    // A deleted draft takes its billed conversions with it (drafted again by the next run).
    const [, , third] = await drafts();
    await billConversion(third.id);
    await t.db.invoice.delete({ where: { id: third.id } });
    expect(await t.db.invoiceConversion.count({ where: { invoiceId: third.id } })).toBe(0);
    await expect(t.db.$executeRaw`DELETE FROM invoice WHERE id = ${first.id}::uuid`).rejects.toThrow(/cannot be deleted/);
    await expect(t.db.invoice.create({ data: { contractId: first.contractId, advertiserId: first.advertiserId, period, currency: "USD", total: "0", flags: [] } })).rejects.toThrow();
  });

  it("records one contract's failure with its error, and still finishes the run", async () => {
    const started = await startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [] });
    const { contract } = await draft();
    // A contract with no approved terms slipped into the run (as if its terms were withdrawn meanwhile).
    const item = await t.db.billingRunItem.create({ data: { runId: started.id, contractId: contract.id } });
    await processBillingItems(t.db, [item.id]);
    const run = await settled(started.id);
    expect(run).toMatchObject({ total: 4, done: 3, failed: 1, failures: [{ contractNumber: contract.number, error: "The contract has no approved terms any more", attempts: 1 }] });
  });

  it("refuses contracts not in force in the period, by number, with a field message", async () => {
    const { contract } = await draft();
    await expect(startBillingRun(t.db, requestAs(cast.finance), { period, contracts: [contract.number] })).rejects.toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { contracts: [`Not in force in ${period}: ${contract.number}`] } });
  });
});
