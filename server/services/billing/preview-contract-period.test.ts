// The preview on a real database: approved terms + rate card versions + current delivery → the draft, with
// explanations; nothing saved; staff only; and `tally preview` printing the same draft.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../cli/main";
import { useContractWorld } from "../../testing/contracts";
import { requestAs } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { ingestDelivery } from "../delivery/ingest-delivery";
import { previewContractPeriod } from "./preview-contract-period";

const t = useTestDatabase();
const { cast, as, active } = useContractWorld(t);

let contractNumber: string;
let contractId: string;

beforeAll(async () => {
  // A rate card whose first version predates the term (written directly: the service refuses backdated prices).
  await t.db.rateCard.create({
    data: {
      name: "Test CPM",
      createdById: cast.ops.id,
      versions: { create: [{ number: 1, effectiveFrom: new Date("2026-09-01"), entries: [{ key: "news", name: "News", model: { model: "perMille", ratePerThousand: "8.00" } }], createdById: cast.ops.id }] },
    },
  });
  const { contract } = await active({
    header: { termStart: "2026-09-01", termEnd: "2027-08-31" },
    terms: {
      recurringFees: [{ key: "platform", name: "Platform fee", amount: "1000", frequency: "MONTHLY" }],
      cpmLines: [
        { key: "sports", name: "Sports", inventoryType: "Sports", pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: "12.50" } } },
        { key: "news", name: "News", inventoryType: "News", pricing: { source: "RATE_CARD", rateCard: "Test CPM", entry: "news" }, billableSource: "FIRST_PARTY", periodCap: "1000" },
      ],
    },
  });
  contractNumber = contract.number;
  contractId = contract.id;
  const row = (date: string, line: string, source: string, impressions: number) => ({ date, contract: contractNumber, line, source, impressions });
  await ingestDelivery(t.db, requestAs(cast.ops), {
    idempotencyKey: "october",
    rows: [
      row("2026-10-01", "sports", "first_party", 100_000),
      row("2026-10-01", "sports", "third_party", 95_000),
      row("2026-10-02", "sports", "first_party", 100_000),
      row("2026-10-02", "sports", "third_party", 95_000),
      // News: 80,000 + 90,000 first-party impressions at 8.00 = 640 + 720 = 1,360 > the 1,000 cap, hit on the 2nd.
      row("2026-10-01", "news", "first_party", 80_000),
      row("2026-10-02", "news", "first_party", 90_000),
      row("2026-10-02", "news", "third_party", 60_000),
    ],
  });
});

describe("previewContractPeriod", () => {
  it("drafts fees, CPM lines from overrides and rate cards, caps and flags from the month's delivery", async () => {
    const preview = await previewContractPeriod(t.db, cast.finance, { contractNumber, period: "2026-10" });
    expect(preview.draft.lines.map((l) => [l.kind, l.lineKey, l.quantity, l.amount])).toEqual([
      ["RECURRING_FEE", "platform", "31", "1000.00"],
      // Lower of both, day by day: 95,000 + 95,000 = 190,000 × 12.50 / 1,000.
      ["CPM", "sports", "190000", "2375.00"],
      // First party 170,000 × 8.00 / 1,000 = 1,360, held to the 1,000 cap.
      ["CPM", "news", "170000", "1000.00"],
    ]);
    expect(preview.draft.total).toBe("4375.00");
    expect(preview.draft.flags).toEqual([
      // |170,000 − 60,000| / 170,000 = 64.71 %
      expect.objectContaining({ kind: "DISCREPANCY", lineKey: "news", firstParty: 170_000, thirdParty: 60_000 }),
      expect.objectContaining({ kind: "PERIOD_CAP_REACHED", lineKey: "news", reachedOn: "2026-10-02", uncapped: "1360", billed: "1000", remainder: "360" }),
    ]);
    const news = preview.draft.lines.find((l) => l.lineKey === "news")!;
    expect(preview.explanations[news.key].join("\n")).toMatch(/Rate card “Test CPM” version 1 \(in force these days\), entry “news”/);
    expect(preview.explanations[news.key].join("\n")).toMatch(/Held to the limit \(period cap 1,000.00 USD\): 1,360 → 1,000/);
    expect(preview.flagSummaries[1]).toBe("Line “news”: period cap reached on 2026-10-02; 1,360.00 USD delivered, 1,000.00 USD billed, 360.00 USD not billed.");
  });

  it("saves nothing", async () => {
    const counts = async () => ({ audit: await t.db.auditLog.count(), delivery: await t.db.deliveryRecord.count(), versions: await t.db.contractVersion.count() });
    const before = await counts();
    await previewContractPeriod(t.db, cast.ops, { contractId, period: "2026-10" });
    expect(await counts()).toEqual(before);
  });

  it("is for staff who bill, and finds only visible contracts", async () => {
    await expect(as(cast.acmeUser).billing.preview({ contractId, period: "2026-10" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(as(cast.ops).billing.preview({ contractNumber: "C-2099-0001", period: "2026-10" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(as(cast.ops).billing.preview({ contractId, period: "2026-13" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("tally preview", () => {
  async function tally(...argv: string[]) {
    vi.stubEnv("DATABASE_URL", t.url);
    const out = { log: [] as string[], error: [] as string[] };
    try {
      const code = await main(argv, { log: (l) => out.log.push(l), error: (l) => out.error.push(l) });
      return { code, stdout: out.log.join("\n"), stderr: out.error.join("\n") };
    } finally {
      vi.unstubAllEnvs();
    }
  }

  it("prints the draft with each line's trace and the flags, saving nothing", async () => {
    const run = await tally("preview", "--contract", contractNumber.toLowerCase(), "--period", "2026-10");
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain(`Draft invoice preview (nothing was saved)\n${contractNumber} · Acme CTV · October 2026 (2026-10-01 to 2026-10-31) · USD · rounding half-up`);
    expect(run.stdout).toMatch(/Platform fee.* 1,000\.00\n {4}Terms version 1: 1,000\.00 USD per month × 31 of 31 days \(2026-10-01 to 2026-10-31\)\./);
    expect(run.stdout).toMatch(/Impressions: first party 200,000, third party 190,000; billable by the lower of first- and third-party counts, day by day: 190,000\./);
    expect(run.stdout).toMatch(/\nTotal +4,375\.00 USD\n/);
    expect(run.stdout).toContain("! Line “news”: period cap reached on 2026-10-02");
  });

  it("answers --json with the same draft, and names bad flags", async () => {
    const run = await tally("preview", "--contract", contractNumber, "--period", "2026-10", "--json");
    expect(JSON.parse(run.stdout).draft.total).toBe("4375.00");
    expect(await tally("preview", "--contract", contractNumber, "--period", "October")).toMatchObject({ code: 1, stderr: "period: Use a month like 2026-10" });
    expect(await tally("preview", "--period", "2026-10")).toMatchObject({ code: 1, stderr: "contract: --contract is required (e.g. --contract C-2026-0001)" });
    expect(await tally("preview", "--contract", "C-2099-0001", "--period", "2026-10")).toMatchObject({ code: 1, stderr: "No contract C-2099-0001 with approved terms" });
  });
});

describe("what earlier issued invoices billed", () => {
  it("counts issued CPM lines per line for the next months (lifetime budgets, true-ups); drafts count nothing", async () => {
    const { priorBilling } = await import("./price-contract-period");
    const { draftContractInvoice } = await import("../invoices/draft-contract-invoice");
    const { findContractsWithTerms } = await import("../contracts/contract-terms-in-force");
    const [contract] = await findContractsWithTerms(t.db, cast.finance, { id: contractId });
    const { invoiceId } = await draftContractInvoice(t.db, contract, "2026-10");
    expect(await priorBilling(t.db, contract, "2026-11")).toEqual([]);
    await as(cast.finance).invoices.issue({ id: invoiceId });
    // October billed Sports 2,375 and News held to its 1,000 cap.
    expect(await priorBilling(t.db, contract, "2026-11")).toEqual([
      { lineKey: "news", lifetimeBilled: "1000", commitmentPeriodBilled: "0" },
      { lineKey: "sports", lifetimeBilled: "2375", commitmentPeriodBilled: "0" },
    ]);
    expect(await priorBilling(t.db, contract, "2026-10")).toEqual([]);
  });
});
