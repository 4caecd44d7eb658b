// `npm run bench:billing`: one month's billing run on PostgreSQL, the way the product runs it. 10,000 contracts in
// force, 1,500,000 delivery rows and 200,000 approved conversions of the month become draft invoices:
//   1. the run is started by the service the billing page, the tRPC router and `tally billing run` call
//      (startBillingRun: every contract in force becomes an item and a job on the pg-boss queue), in this process;
//   2. BENCH_WORKERS `tally worker` processes (separate processes, as deployed) work the queue: each job drafts a
//      batch of contracts' invoices (processBillingItems → draftInvoices → priceContractPeriods), and the worker that
//      settles the last item drafts the month's payout statements; the run is then DONE.
// Measured: wall time from the start to DONE (and its phases), contracts/s, each worker's peak RSS (the kernel's
// VmHWM, and a 200 ms VmRSS sample split by phase), CPU of the workers and of the PostgreSQL backends.
// Beside it, the floor: one hand-written SQL aggregation computing the same per-contract billable quantities (Σ
// billable impressions per contract and CPM line over the month from the current delivery counts, under each
// line's billable source; count and Σ value of the approved eligible conversions per contract and CPA line).
// Goal (the issue): the run within 3 × the floor, worker RSS < 512 MB. Reported as measured, pass or fail.
// Then, cheaply, correctness: one DRAFT invoice per contract in force, no failed item, Σ CPM line quantities equal
// to the floor's billable impressions per (contract, line), the conversions billed per (contract, line) equal to
// the floor's. Last, where the time goes: BENCH_PROFILE_ITEMS contracts drafted again in this process, a batch at a
// time: half with every SQL statement counted and timed at the pg driver (and their pure pricing timed apart), half
// under V8's sampling profiler (self time by file or package).
//
// Data (set up with bulk SQL, timed apart, never part of the measured run): six template contracts made through the
// real procedures (create, submit, approve: valid, approved terms), cloned with INSERT … SELECT FROM generate_series
// into BENCH_CONTRACTS contracts in force (1 in 10 starting on the 10th of the month: prorated fees, shorter
// delivery) plus 2 % that ended before the month (read and skipped, as in production). Templates: CPM lines per
// mille (first-, third-party or lower-of-both billable), graduated tiers, a rate-card line, a period cap, a monthly
// minimum commitment, agency commission, platform fees, CPA lines (flat + % of value, one tiered) and partner terms.
// Delivery: every CPM line × in-term day × both sources (third party 0–8 % lower; 20 % lower on every tenth
// contract, which is flagged), inserted day by day as a daily feed would, topped up to BENCH_DELIVERY_ROWS with
// corrections (newer records superseding a count). Conversions: spread over the CPA lines and the month, APPROVED
// and ELIGIBLE, inserted in time order. The period is the previous calendar month. Runs on PostgreSQL
// (BENCH_DATABASE_URL or TEST_DATABASE_URL, default the local server) in a scratch database it creates and drops.
//
// Knobs: BENCH_CONTRACTS (default 10,000), BENCH_DELIVERY_ROWS (default 150 per contract: 1,500,000),
// BENCH_CONVERSIONS (default 20 per contract: 200,000), BENCH_WORKERS (worker processes, default 2),
// BENCH_PROFILE_ITEMS (contracts profiled in-process after the run, default 200; 0 skips), BENCH_TIMEOUT_MINUTES
// (default 40), BENCH_CPU_PROF=1 (the workers run with --cpu-prof; their self time is summarised by file/package),
// BENCH_HISTORY_MONTHS (default 0: the month is the first one billed; N: every contract has N earlier months of
// issued invoices with one CPM line per CPM line of its terms, which prior billing and the month-over-month flag read),
// BENCH_KEEP_DATABASE=1 (leave the scratch database for a look at plans; its URL is printed; drop it yourself).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "../server/db/client";
import { periodBounds, shiftPeriod } from "../server/domain/billing/billing-period";
import { addDays, todayIso, toIsoDate } from "../server/domain/contracts/dates";
import type { ContractTermsInput } from "../server/domain/contracts/terms";
import { spawnWorker as spawnTallyWorker, untilWorkerReady, type WorkerProcess } from "../server/testing/worker-process";
import { BackendCpu, createActiveContracts, createScratchDatabase, databaseFacts, fmt, insertStaff, MB, procCpuSeconds, procStatusKb, tableShape } from "./bench-world";

process.env.LOG_LEVEL = "silent";
const { systemActor } = await import("../server/auth/actor");
const { startBillingRun, getBillingRun, processBillingItems, BILLING_BATCH_SIZE } = await import("../server/services/billing/billing-runs");
const { BILLING_QUEUE, closeQueueClients } = await import("../server/jobs/queue-client");
const { findContractsWithTerms } = await import("../server/services/contracts/contract-terms-in-force");
const { currentDelivery } = await import("../server/services/delivery/delivery-queries");
const { priorBilling } = await import("../server/services/billing/price-contract-period");
const { priceCpmPeriod } = await import("../server/domain/billing/cpm-period");
const { priceCpaPeriod } = await import("../server/domain/billing/cpa-period");
const { ZRateCardEntries } = await import("../server/domain/pricing/rate-card");
const { callerAs, insertAdvertiser, requestAs } = await import("../server/testing/fixtures");

const ROOT = path.resolve(import.meta.dirname, "..");
const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return Math.floor(value);
};
const CONTRACTS = positive("BENCH_CONTRACTS", 10_000);
const DELIVERY_ROWS = positive("BENCH_DELIVERY_ROWS", 150 * CONTRACTS);
const CONVERSIONS = positive("BENCH_CONVERSIONS", 20 * CONTRACTS);
const WORKERS = positive("BENCH_WORKERS", 2);
const PROFILE_ITEMS = positive("BENCH_PROFILE_ITEMS", 200);
const TIMEOUT_MINUTES = positive("BENCH_TIMEOUT_MINUTES", 40);
const HISTORY_MONTHS = positive("BENCH_HISTORY_MONTHS", 0);
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === "1";
const ENDED_SHARE = 0.02;
const RSS_GOAL_MB = 512;
const RATIO_GOAL = 3;
const SAMPLE_MS = 200;
const FLOOR_RUNS = 3;

const secs = (ms: number) => (ms / 1000).toFixed(1);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------------
// The templates: every first CPM line is a per-mille override (the clones vary its rate).

type CpmLineInput = NonNullable<ContractTermsInput["cpmLines"]>[number];
type CpaLineInput = NonNullable<ContractTermsInput["cpaLines"]>[number];
const RATE_CARD = "Bench CTV 2026";
const perMille = (key: string, rate: string, extra: Partial<CpmLineInput> = {}): CpmLineInput => ({
  key,
  name: key[0].toUpperCase() + key.slice(1),
  inventoryType: `CTV ${key}`,
  pricing: { source: "OVERRIDE", model: { model: "perMille", ratePerThousand: rate } },
  ...extra,
});
const platformFee = (amount: string) => ({ key: "platform", name: "Platform fee", amount, frequency: "MONTHLY" as const, startDate: null, endDate: null });
const shopLine = (extra: Partial<CpaLineInput> = {}): CpaLineInput => ({
  key: "shop",
  name: "Shop conversions",
  payouts: [
    { conversionType: "purchase", flat: "5", percentOfValue: "10", maxPerConversion: "50" },
    { conversionType: "signup", flat: "2" },
  ],
  attribution: { clickLookbackDays: 7, viewLookbackDays: 1, dedupeWindowHours: 24 },
  eligibility: { conversionTypes: ["purchase", "signup"], geographies: ["US", "CA", "DE"] },
  lockPeriodDays: 14,
  ...extra,
});

const TEMPLATES: ContractTermsInput[] = [
  { recurringFees: [platformFee("1000")], cpmLines: [perMille("sports", "12.50"), perMille("news", "9.00", { billableSource: "FIRST_PARTY" })] },
  {
    cpmLines: [
      perMille("sports", "11.00"),
      {
        key: "news",
        name: "News",
        inventoryType: "CTV news",
        billableSource: "THIRD_PARTY",
        pricing: { source: "OVERRIDE", model: { model: "graduated", tiers: [{ upTo: "2000000", unitPrice: "0.011" }, { upTo: null, unitPrice: "0.0085", flatFee: "50" }] } },
      },
    ],
    cpaLines: [shopLine()],
    partnerTerms: [
      { partnerKey: "streamco", partnerName: "StreamCo", payout: { kind: "CPM_SHARE", percent: "20" }, lines: ["news"] },
      { partnerKey: "adnet", partnerName: "AdNet", payout: { kind: "FLAT_PER_CONVERSION", amount: "1.50" }, lines: ["shop"] },
    ],
  },
  {
    recurringFees: [platformFee("2500")],
    cpmLines: [perMille("sports", "9.75"), perMille("movies", "18.20", { agencyCommissionPercent: "15" }), { key: "kids", name: "Kids", inventoryType: "CTV kids", pricing: { source: "RATE_CARD", rateCard: RATE_CARD, entry: "kids" } }],
    partnerTerms: [{ partnerKey: "adnet", partnerName: "AdNet", payout: { kind: "REVENUE_SHARE", percent: "12.5" }, lines: ["movies"] }],
  },
  { cpmLines: [perMille("sports", "14", { periodCap: "9000" }), perMille("news", "7.50", { minimumCommitment: { amount: "20000", period: "MONTHLY" } })] },
  {
    recurringFees: [platformFee("400")],
    cpmLines: [perMille("sports", "10"), perMille("news", "8")],
    cpaLines: [shopLine({ tiered: { model: "graduated", tiers: [{ upTo: "30", unitPrice: "4" }, { upTo: null, unitPrice: "3" }] } })],
    partnerTerms: [{ partnerKey: "streamco", partnerName: "StreamCo", payout: { kind: "REVENUE_SHARE", percent: "10" } }],
  },
  { cpmLines: [perMille("sports", "13"), perMille("news", "9.50"), perMille("movies", "16")], cpaLines: [shopLine()] },
];

// ---------------------------------------------------------------------------------------------------------------
// Setup: templates through the procedures, everything else in bulk SQL.

interface World {
  inForce: number;
  ended: number;
  advertisers: number;
  deliveryBase: number;
  corrections: number;
  conversions: number;
  historyInvoices: number;
  historyLines: number;
  cpmLines: number;
  cpaLines: number;
  steps: Array<[string, number]>;
  /** Who starts the runs. */
  finance: Parameters<typeof requestAs>[0];
}

async function setUpWorld(db: Db, sql: pg.Client, month: string, period: { from: string; to: string }): Promise<World> {
  const steps: Array<[string, number]> = [];
  const step = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await work();
    steps.push([label, performance.now() - started]);
    console.error(`  setup: ${label} in ${secs(performance.now() - started)} s`);
    return result;
  };
  const advertiserCount = Math.max(5, Math.ceil(CONTRACTS / 200));
  const termEnd = addDays(todayIso(), 300);

  const { staff, templates, advertisers } = await step(`${TEMPLATES.length} template contracts through tRPC (create, submit, approve)`, async () => {
    const staff = await insertStaff(db);
    const advertisers: Array<{ id: string }> = [];
    for (let i = 0; i < advertiserCount; i++) advertisers.push(await insertAdvertiser(db, `bench-advertiser-${i}`));
    await callerAs(db, staff.ops).rateCards.create({
      name: RATE_CARD,
      effectiveFrom: addDays(period.from, -90),
      entries: [{ key: "kids", name: "Kids", model: { model: "graduated", tiers: [{ upTo: "1000000", unitPrice: "0.009" }, { upTo: null, unitPrice: "0.007" }] } }],
    });
    const templates = await createActiveContracts(db, staff, TEMPLATES.length, (i) => ({
      advertiserId: advertisers[i % advertisers.length].id,
      header: { title: `Bench template ${i}`, currency: "USD", termStart: addDays(period.from, -60), termEnd, paymentTermsDays: 30, autoRenew: false, renewalMonths: 12, noticeDays: 60, roundingMode: "HALF_UP" },
      terms: TEMPLATES[i],
    }));
    return { staff, templates, advertisers };
  });

  const inForce = Math.max(CONTRACTS, TEMPLATES.length);
  const ended = Math.ceil(inForce * ENDED_SHARE);
  const clones = inForce - TEMPLATES.length;
  await step(`${fmt(clones + ended)} clones (INSERT … SELECT FROM generate_series)`, async () => {
    // Clone g takes template g mod 6; clones 1 … inForce − 6 are in force, the rest ended the day before the month.
    await sql.query(
      `WITH t AS (
         SELECT (row_number() OVER (ORDER BY c.number) - 1)::int AS k, v.kind, v.terms, v.revision, v.author_id, v.committed_value, v.required_approvals
         FROM contract c JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED' WHERE c.id = ANY($1::uuid[])
       ), clones AS (
         INSERT INTO contract (id, number, advertiser_id, title, currency, term_start, term_end, payment_terms_days, auto_renew, renewal_months, notice_days, rounding_mode, status, created_by_id, updated_at)
         SELECT gen_random_uuid(), 'C-2000-' || lpad(g::text, 6, '0'), ($2::uuid[])[1 + g % array_length($2::uuid[], 1)], 'Bench clone ' || g, 'USD',
                CASE WHEN g > $3 THEN $4::date - 400 WHEN g % 10 = 3 THEN $4::date + 9 ELSE $4::date - 30 - g % 200 END,
                CASE WHEN g > $3 THEN $4::date - 1 ELSE $5::date END,
                30, false, 12, 60, CASE WHEN g % 5 = 0 THEN 'HALF_EVEN' ELSE 'HALF_UP' END,
                (CASE WHEN g > $3 THEN 'EXPIRED' ELSE 'ACTIVE' END)::"ContractStatus", $6::uuid, now()
         FROM generate_series(1, $7::int) g
         RETURNING id, number, term_start
       )
       INSERT INTO contract_version (id, contract_id, number, kind, status, effective_from, terms, revision, author_id, committed_value, required_approvals, submission_round, submitted_at, decided_at, updated_at)
       SELECT gen_random_uuid(), cl.id, 1, t.kind, 'APPROVED', cl.term_start,
              jsonb_set(t.terms, '{cpmLines,0,pricing,model,ratePerThousand}', to_jsonb(to_char(6 + (substring(cl.number FROM 8)::int * 7 % 23) * 0.65, 'FM990.00'))),
              t.revision, t.author_id, t.committed_value, t.required_approvals, 1, now(), now(), now()
       FROM clones cl JOIN t ON t.k = substring(cl.number FROM 8)::int % ${TEMPLATES.length}`,
      [templates.map((t) => t.id), advertisers.map((a) => a.id), clones, period.from, termEnd, staff.ops.type === "USER" ? staff.ops.id : null, clones + ended],
    );
  });

  // The CPM and CPA lines of the contracts in force (one approved version each: the clones and templates have no
  // amendments), with the days of the month in their term.
  const inTerm = `c.status <> 'DRAFT' AND c.term_start <= $2::date AND c.term_end >= $1::date`;
  const lineCounts = (
    await sql.query<{ cpm: number; cpa: number }>(
      `SELECT (SELECT count(*) FROM contract c JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED', jsonb_array_elements(v.terms -> 'cpmLines') WHERE ${inTerm})::int AS cpm,
              (SELECT count(*) FROM contract c JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED', jsonb_array_elements(v.terms -> 'cpaLines') WHERE ${inTerm})::int AS cpa`,
      [period.from, period.to],
    )
  ).rows[0];

  const deliveryBase = await step("delivery: every CPM line × in-term day × source, day by day", async () => {
    const slots = (
      await sql.query<{ n: number }>(
        `SELECT coalesce(sum((LEAST(c.term_end, $2::date) - GREATEST(c.term_start, $1::date) + 1) * 2 * jsonb_array_length(v.terms -> 'cpmLines')), 0)::int AS n
         FROM contract c JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED' WHERE ${inTerm}`,
        [period.from, period.to],
      )
    ).rows[0].n;
    // Fewer rows wanted than (line, day, source) slots: whole (line, day) pairs are left out, as days without delivery.
    const keepPerTenThousand = Math.min(10_000, Math.ceil((10_000 * DELIVERY_ROWS) / Math.max(1, slots)));
    const result = await sql.query(
      `INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id)
       SELECT c.id, c.advertiser_id, line.key, day::date, src.source::"DeliverySource",
              CASE WHEN src.source = 'FIRST_PARTY' THEN b.base
                   ELSE b.base * (100 - CASE WHEN right(c.number, 1) = '0' THEN 20 ELSE abs(hashtext(c.number || day::text)) % 9 END) / 100 END,
              $3::uuid
       FROM contract c
       JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED'
       CROSS JOIN LATERAL (SELECT jsonb_array_elements(v.terms -> 'cpmLines') ->> 'key' AS key) line
       CROSS JOIN LATERAL generate_series(GREATEST(c.term_start, $1::date), LEAST(c.term_end, $2::date), interval '1 day') AS day
       CROSS JOIN (VALUES ('FIRST_PARTY'), ('THIRD_PARTY')) AS src(source)
       CROSS JOIN LATERAL (SELECT 20000 + abs(hashtext(c.number || line.key || day::text)) % 180000 AS base) b
       WHERE ${inTerm} AND abs(hashtext(c.number || line.key || day::text || 'kept')) % 10000 < $4
       ORDER BY day, src.source, c.number, line.key`,
      [period.from, period.to, randomUUID(), keepPerTenThousand],
    );
    return result.rowCount ?? 0;
  });

  const corrections = await step("delivery corrections (newer records superseding a count)", async () => {
    const wanted = Math.min(Math.max(0, DELIVERY_ROWS - deliveryBase), deliveryBase);
    if (wanted === 0) return 0;
    const result = await sql.query(
      `INSERT INTO delivery_record (contract_id, advertiser_id, line_key, day, source, impressions, batch_id, supersedes_id)
       SELECT contract_id, advertiser_id, line_key, day, source, impressions * (90 + abs(hashtext(id::text)) % 21) / 100, $1::uuid, id
       FROM (SELECT * FROM delivery_record ORDER BY hashtext(id::text || 'corrected') LIMIT $2) d
       ORDER BY day, source, id`,
      [randomUUID(), wanted],
    );
    return result.rowCount ?? 0;
  });

  const conversions = await step("conversions: APPROVED + ELIGIBLE, spread over the CPA lines and the month", async () => {
    if (CONVERSIONS === 0 || lineCounts.cpa === 0) return 0;
    const result = await sql.query(
      `WITH lines AS (
         SELECT c.id, c.advertiser_id, l ->> 'key' AS line_key, GREATEST(c.term_start, $1::date) AS d0, (row_number() OVER (ORDER BY c.number, l ->> 'key') - 1)::int AS k
         FROM contract c JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED'
         CROSS JOIN LATERAL jsonb_array_elements(v.terms -> 'cpaLines') l
         WHERE ${inTerm}
       ), n AS (SELECT count(*)::int AS n FROM lines),
       g AS (SELECT g, abs(hashtext('conversion' || g))::bigint AS h FROM generate_series(0, $3::int - 1) g)
       INSERT INTO conversion (id, advertiser_id, external_id, contract_id, line_key, occurred_at, type, value, currency, geography, new_customer, partner_key, exposures, eligibility, review, reviewed_at, batch_id)
       SELECT gen_random_uuid(), l.advertiser_id, 'bench-' || g.g, l.id, l.line_key, t.at,
              CASE WHEN g.h % 10 < 7 THEN 'purchase' ELSE 'signup' END,
              CASE WHEN g.h % 10 < 7 THEN 20 + ((g.h / 13) % 38000)::numeric / 100 END,
              'USD', 'US', false,
              CASE g.h % 3 WHEN 0 THEN 'adnet' WHEN 1 THEN 'streamco' END,
              jsonb_build_array(jsonb_build_object('lineKey', l.line_key, 'kind', 'CLICK', 'at', t.at - interval '2 hours')),
              'ELIGIBLE', 'APPROVED', now(), $4::uuid
       FROM g CROSS JOIN n JOIN lines l ON l.k = g.h % n.n
       CROSS JOIN LATERAL (SELECT (l.d0::timestamp AT TIME ZONE 'UTC') + ((g.h / 7) % (($2::date - l.d0 + 1)::bigint * 86400000)) * interval '1 millisecond' AS at) t
       ORDER BY t.at`,
      [period.from, period.to, CONVERSIONS, randomUUID()],
    );
    return result.rowCount ?? 0;
  });

  const history = await step(`${HISTORY_MONTHS} earlier month(s) of issued invoices`, async () => {
    if (HISTORY_MONTHS === 0) return { invoices: 0, lines: 0 };
    // Drafts with their lines first (lines of an issued invoice are refused), then issued in one UPDATE.
    const lines = await sql.query(
      `WITH months AS (
         SELECT to_char($1::date - make_interval(months => m), 'YYYY-MM') AS period, ($1::date - make_interval(months => m))::date AS d0 FROM generate_series(1, $2::int) m
       ), inv AS (
         INSERT INTO invoice (id, contract_id, advertiser_id, period, currency, total, flags)
         SELECT gen_random_uuid(), c.id, c.advertiser_id, months.period, 'USD', 0, '[]'
         FROM contract c CROSS JOIN months
         WHERE c.status <> 'DRAFT' AND c.term_start <= (months.d0 + interval '1 month' - interval '1 day')::date AND c.term_end >= months.d0
         RETURNING id, contract_id, period
       )
       INSERT INTO invoice_line (id, invoice_id, position, key, kind, line_key, description, quantity, unrounded, amount, trace)
       SELECT gen_random_uuid(), inv.id, (l.ord - 1)::int, 'cpm:' || (l.line ->> 'key') || ':v1:' || inv.period || '-01', 'CPM', l.line ->> 'key',
              'earlier month', q.q::text, a.amount::text, a.amount,
              jsonb_build_object('kind', 'CPM', 'from', inv.period || '-01', 'to', to_char((inv.period || '-01')::date + interval '1 month' - interval '1 day', 'YYYY-MM-DD'))
       FROM inv
       JOIN contract_version v ON v.contract_id = inv.contract_id AND v.status = 'APPROVED'
       CROSS JOIN LATERAL jsonb_array_elements(v.terms -> 'cpmLines') WITH ORDINALITY AS l(line, ord)
       CROSS JOIN LATERAL (SELECT 3000000 + abs(hashtext(inv.id::text || (l.line ->> 'key'))) % 2000000 AS q) q
       CROSS JOIN LATERAL (SELECT round(q.q * 0.0105, 2) AS amount) a`,
      [period.from, HISTORY_MONTHS],
    );
    const issued = await sql.query(
      `UPDATE invoice i SET status = 'ISSUED', number = 'INV-1999-' || lpad(n.n::text, 7, '0'), issued_at = (i.period || '-01')::date + interval '1 month',
              due_date = (i.period || '-01')::date + interval '2 months', total = coalesce(t.total, 0)
       FROM (SELECT id, row_number() OVER (ORDER BY period, id) AS n FROM invoice WHERE period < $1) n
       LEFT JOIN (SELECT invoice_id, sum(amount) AS total FROM invoice_line GROUP BY invoice_id) t ON t.invoice_id = n.id
       WHERE i.id = n.id`,
      [month],
    );
    return { invoices: issued.rowCount ?? 0, lines: lines.rowCount ?? 0 };
  });

  await step("VACUUM ANALYZE", async () => {
    for (const table of ["contract", "contract_version", "delivery_record", "conversion", "invoice", "invoice_line"]) await sql.query(`VACUUM ANALYZE ${table}`);
    await sql.query(`CHECKPOINT`);
  });

  return { inForce, ended, advertisers: advertiserCount, deliveryBase, corrections, conversions, historyInvoices: history.invoices, historyLines: history.lines, cpmLines: lineCounts.cpm, cpaLines: lineCounts.cpa, steps, finance: staff.finance[0] };
}

// ---------------------------------------------------------------------------------------------------------------
// The floor: one statement, the month's billable quantities per (contract, line).
// The current count of a (contract, line, day, source) is its newest record (as currentDelivery reads it); each
// contract has one approved version here, so its lines' billable sources come from that version (a contract with
// amendments would need the version in force per day: one more range join).

const FLOOR_SQL = `
  WITH current AS (
    SELECT DISTINCT ON (contract_id, line_key, day, source) contract_id, line_key, day, source, impressions
    FROM delivery_record
    WHERE day BETWEEN $1::date AND $2::date
    ORDER BY contract_id, line_key, day, source, id DESC
  ), daily AS (
    SELECT contract_id, line_key, day,
           coalesce(max(impressions) FILTER (WHERE source = 'FIRST_PARTY'), 0) AS fp,
           coalesce(max(impressions) FILTER (WHERE source = 'THIRD_PARTY'), 0) AS tp
    FROM current GROUP BY contract_id, line_key, day
  ), cpm_lines AS (
    SELECT c.id AS contract_id, l ->> 'key' AS line_key, l ->> 'billableSource' AS source,
           GREATEST(c.term_start, $1::date) AS d0, LEAST(c.term_end, coalesce(c.terminated_on, c.term_end), $2::date) AS d1
    FROM contract c
    JOIN contract_version v ON v.contract_id = c.id AND v.status = 'APPROVED'
    CROSS JOIN LATERAL jsonb_array_elements(v.terms -> 'cpmLines') l
    WHERE c.status <> 'DRAFT' AND c.term_start <= $2::date AND c.term_end >= $1::date
  )
  SELECT d.contract_id, d.line_key, 'CPM' AS kind,
         sum(CASE l.source WHEN 'FIRST_PARTY' THEN d.fp WHEN 'THIRD_PARTY' THEN d.tp ELSE LEAST(d.fp, d.tp) END)::bigint AS quantity,
         NULL::numeric AS value
  FROM daily d JOIN cpm_lines l ON l.contract_id = d.contract_id AND l.line_key = d.line_key AND d.day BETWEEN l.d0 AND l.d1
  GROUP BY d.contract_id, d.line_key
  UNION ALL
  SELECT contract_id, line_key, 'CPA', count(*), sum(coalesce(value, 0))
  FROM conversion
  WHERE eligibility = 'ELIGIBLE' AND review = 'APPROVED' AND reversed_at IS NULL
    AND occurred_at >= $1::date::timestamp AT TIME ZONE 'UTC' AND occurred_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC'
  GROUP BY contract_id, line_key`;

async function runFloor(sql: pg.Client, period: { from: string; to: string }) {
  const runs: Array<{ ms: number; rows: number }> = [];
  for (let i = 0; i < FLOOR_RUNS; i++) {
    const started = performance.now();
    const { rowCount } = await sql.query(FLOOR_SQL, [period.from, period.to]);
    runs.push({ ms: performance.now() - started, rows: rowCount ?? 0 });
  }
  const plan = (await sql.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) ${FLOOR_SQL}`, [period.from, period.to])).rows.map((r) => r["QUERY PLAN"]);
  return { runs, best: Math.min(...runs.map((r) => r.ms)), plan };
}

// ---------------------------------------------------------------------------------------------------------------
// The workers: `tally worker` processes on the scratch database.

type Worker = WorkerProcess;

const spawnWorker = (databaseUrl: string, profileDir: string | null): Worker =>
  spawnTallyWorker(databaseUrl, {
    nodeArgs: profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [],
    env: { NODE_ENV: "production", NEXTAUTH_SECRET: "bench-billing-secret-not-used" },
    keepChars: 50_000,
  });

async function stopWorker(worker: Worker) {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return worker.exited;
  worker.child.kill("SIGTERM");
  const timeout = sleep(30_000).then(() => null);
  const result = await Promise.race([worker.exited, timeout]);
  if (result) return result;
  worker.child.kill("SIGKILL");
  return worker.exited;
}

type Phase = "idle" | "start" | "items" | "finishing";

/** Each worker's VmRSS every 200 ms, the peak kept per phase; this process's RSS too (it starts the run). */
class PhasedRss {
  phase: Phase = "idle";
  peaks: Array<Record<Phase, number>>;
  own: Record<Phase, number> = { idle: 0, start: 0, items: 0, finishing: 0 };
  private timer: NodeJS.Timeout;
  constructor(private workers: Worker[]) {
    this.peaks = workers.map(() => ({ idle: 0, start: 0, items: 0, finishing: 0 }));
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }
  private sample() {
    this.workers.forEach((w, i) => {
      try {
        this.peaks[i][this.phase] = Math.max(this.peaks[i][this.phase], procStatusKb(w.pid, "VmRSS") * 1024);
      } catch {
        /* gone */
      }
    });
    this.own[this.phase] = Math.max(this.own[this.phase], process.memoryUsage().rss);
  }
  stop() {
    clearInterval(this.timer);
    this.sample();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The measured run.

interface Progress {
  ms: number;
  settled: number;
}

interface RunResult {
  runId: string;
  total: number;
  startMs: number;
  itemsMs: number;
  finishingMs: number;
  totalMs: number;
  progress: Progress[];
  hwm: number[];
  idleRss: number[];
  peaks: Array<Record<Phase, number>>;
  ownPeaks: Record<Phase, number>;
  workerCpu: number[];
  ownCpu: number;
  pgCpu: number;
  /** Transactions the database committed during the run (every autocommitted statement is one), and WAL written. */
  commits: number;
  walBytes: number;
  /** One pg-boss fetch of the billing queue right after the start, with every job queued (EXPLAIN ANALYZE). */
  queueFetch: { ms: number; queued: number };
}

/**
 * What one worker's poll costs the database: pg-boss's fetch (the locking part of its statement), explained once
 * in a transaction that is rolled back (the job it locks for those milliseconds is skipped by the workers).
 */
async function explainQueueFetch(sql: pg.Client) {
  await sql.query("BEGIN");
  try {
    const queued = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state < 'active'`, [BILLING_QUEUE])).rows[0].n;
    const { rows } = await sql.query<{ "QUERY PLAN": Array<{ "Execution Time": number }> }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) SELECT id FROM pgboss.job WHERE name = $1 AND state < 'active' AND start_after < now() ORDER BY priority DESC, created_on, id LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [BILLING_QUEUE],
    );
    return { ms: rows[0]["QUERY PLAN"][0]["Execution Time"], queued };
  } finally {
    await sql.query("ROLLBACK");
  }
}

const databaseCounters = async (sql: pg.Client) =>
  (
    await sql.query<{ commits: string; wal: string }>(
      `SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())::text AS commits, pg_current_wal_lsn()::text AS wal`,
    )
  ).rows[0];
const lsnBytes = (lsn: string) => {
  const [high, low] = lsn.split("/");
  return parseInt(high, 16) * 2 ** 32 + parseInt(low, 16);
};

async function measureRun(db: Db, sql: pg.Client, monitor: pg.Client, workers: Worker[], month: string, finance: Parameters<typeof requestAs>[0]): Promise<RunResult> {
  const idleRss = workers.map((w) => procStatusKb(w.pid, "VmRSS") * 1024);
  const countersBefore = await databaseCounters(sql);
  const rss = new PhasedRss(workers);
  const cpuBefore = workers.map((w) => procCpuSeconds(w.pid));
  const ownCpuBefore = process.cpuUsage();
  const backends = new BackendCpu(monitor);
  try {
    rss.phase = "start";
    const started = performance.now();
    const run = await startBillingRun(db, requestAs(finance), { period: month, contracts: [] });
    const startMs = performance.now() - started;
    console.error(`  run ${run.id}: ${fmt(run.total)} items queued in ${secs(startMs)} s`);
    const queueFetch = await explainQueueFetch(sql);
    rss.phase = "items";
    const progress: Progress[] = [{ ms: startMs, settled: 0 }];
    const deadline = Date.now() + TIMEOUT_MINUTES * 60_000;
    let lastLog = 0;
    for (;;) {
      const { rows } = await sql.query<{ status: string; settled: number; pending: number }>(
        `SELECT r.status, count(*) FILTER (WHERE i.status <> 'PENDING')::int AS settled, count(*) FILTER (WHERE i.status = 'PENDING')::int AS pending
         FROM billing_run r JOIN billing_run_item i ON i.run_id = r.id WHERE r.id = $1::uuid GROUP BY r.status`,
        [run.id],
      );
      const now = performance.now() - started;
      const p = rows[0] ?? { status: run.status, settled: 0, pending: 0 };
      if (p.settled > progress.at(-1)!.settled) progress.push({ ms: now, settled: p.settled });
      if (p.pending === 0 && run.total > 0) rss.phase = "finishing";
      if (p.status === "DONE") break;
      for (const w of workers) if (w.child.exitCode !== null) throw new Error(`worker ${w.pid} exited during the run:\n${w.output().slice(-4_000)}`);
      if (Date.now() > deadline) throw new Error(`The run was not done within ${TIMEOUT_MINUTES} minutes: ${p.settled}/${run.total} settled`);
      if (now - lastLog > 15_000) {
        lastLog = now;
        console.error(`    ${secs(now)} s: ${fmt(p.settled)}/${fmt(run.total)} settled, worker RSS ${workers.map((w) => `${MB(procStatusKb(w.pid, "VmRSS") * 1024)} MB`).join(", ")}`);
      }
      await sleep(250);
    }
    const totalMs = performance.now() - started;
    rss.stop();
    const hwm = workers.map((w) => procStatusKb(w.pid, "VmHWM") * 1024);
    const workerCpu = workers.map((w, i) => procCpuSeconds(w.pid) - cpuBefore[i]);
    const own = process.cpuUsage(ownCpuBefore);
    const pgCpu = await backends.stop();
    await sleep(1_500); // backends report their counters at most once a second
    const countersAfter = await databaseCounters(sql);
    // The phases by the database's clock: the last item settled, then the finisher drafted the payout statements.
    const [times] = (
      await sql.query<{ finishing_ms: number }>(
        `SELECT (extract(epoch FROM r.finished_at - max(i.updated_at)) * 1000)::int AS finishing_ms FROM billing_run r JOIN billing_run_item i ON i.run_id = r.id WHERE r.id = $1::uuid GROUP BY r.id`,
        [run.id],
      )
    ).rows;
    const finishingMs = Math.max(0, times?.finishing_ms ?? 0);
    return {
      runId: run.id,
      total: run.total,
      startMs,
      itemsMs: totalMs - startMs - finishingMs,
      finishingMs,
      totalMs,
      progress,
      hwm,
      idleRss,
      peaks: rss.peaks,
      ownPeaks: rss.own,
      workerCpu,
      ownCpu: (own.user + own.system) / 1e6,
      pgCpu,
      commits: Number(countersAfter.commits) - Number(countersBefore.commits),
      walBytes: lsnBytes(countersAfter.wal) - lsnBytes(countersBefore.wal),
      queueFetch,
    };
  } finally {
    rss.stop();
    await backends.stop();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Correctness, cheaply: counts and sums against the floor's quantities.

async function verify(sql: pg.Client, db: Db, runId: string, month: string, period: { from: string; to: string }) {
  const report = await getBillingRun(db, runId);
  const inForce = (
    await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM contract c WHERE c.status <> 'DRAFT' AND c.term_start <= $2::date AND c.term_end >= $1::date AND EXISTS (SELECT 1 FROM contract_version v WHERE v.contract_id = c.id AND v.status = 'APPROVED')`,
      [period.from, period.to],
    )
  ).rows[0].n;
  const invoices = (
    await sql.query<{ drafts: number; contracts: number; total: string; lines: number; billed_conversions: number }>(
      `SELECT count(*)::int AS drafts, count(DISTINCT contract_id)::int AS contracts, coalesce(sum(total), 0)::numeric(20, 2)::text AS total,
              (SELECT count(*)::int FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.period = $1) AS lines,
              (SELECT count(*)::int FROM invoice_conversion ic JOIN invoice i ON i.id = ic.invoice_id WHERE i.period = $1) AS billed_conversions
       FROM invoice WHERE period = $1 AND status = 'DRAFT'`,
      [month],
    )
  ).rows[0];
  await sql.query(`DROP TABLE IF EXISTS bench_floor`);
  await sql.query(`CREATE TEMP TABLE bench_floor AS ${FLOOR_SQL.replaceAll("$1", `'${period.from}'`).replaceAll("$2", `'${period.to}'`)}`);
  const cpm = (
    await sql.query<{ pairs: number; mismatches: number; floor: string; billed: string }>(
      `WITH floor AS (SELECT contract_id, line_key, quantity FROM bench_floor WHERE kind = 'CPM'),
            billed AS (SELECT i.contract_id, l.line_key, sum(l.quantity::bigint) AS quantity FROM invoice i JOIN invoice_line l ON l.invoice_id = i.id
                       WHERE i.period = $1 AND i.status <> 'VOID' AND l.kind = 'CPM' GROUP BY 1, 2)
       SELECT count(*)::int AS pairs, count(*) FILTER (WHERE coalesce(f.quantity, 0) <> coalesce(b.quantity, 0))::int AS mismatches,
              coalesce(sum(f.quantity), 0)::text AS floor, coalesce(sum(b.quantity), 0)::text AS billed
       FROM floor f FULL JOIN billed b USING (contract_id, line_key)`,
      [month],
    )
  ).rows[0];
  const cpa = (
    await sql.query<{ pairs: number; mismatches: number; floor_count: string; billed_count: string; floor_value: string; billed_value: string }>(
      `WITH floor AS (SELECT contract_id, line_key, quantity, value FROM bench_floor WHERE kind = 'CPA'),
            billed AS (SELECT i.contract_id, c.line_key, count(*) AS quantity, sum(coalesce(c.value, 0)) AS value
                       FROM invoice i JOIN invoice_conversion ic ON ic.invoice_id = i.id JOIN conversion c ON c.id = ic.conversion_id
                       WHERE i.period = $1 AND i.status <> 'VOID' GROUP BY 1, 2)
       SELECT count(*)::int AS pairs,
              count(*) FILTER (WHERE coalesce(f.quantity, 0) <> coalesce(b.quantity, 0) OR coalesce(f.value, 0) <> coalesce(b.value, 0))::int AS mismatches,
              coalesce(sum(f.quantity), 0)::text AS floor_count, coalesce(sum(b.quantity), 0)::text AS billed_count,
              coalesce(sum(f.value), 0)::numeric(20, 2)::text AS floor_value, coalesce(sum(b.value), 0)::numeric(20, 2)::text AS billed_value
       FROM floor f FULL JOIN billed b USING (contract_id, line_key)`,
      [month],
    )
  ).rows[0];
  const flags = (
    await sql.query<{ kind: string; n: number }>(
      `SELECT f ->> 'kind' AS kind, count(*)::int AS n FROM invoice i CROSS JOIN LATERAL jsonb_array_elements(i.flags) f WHERE i.period = $1 GROUP BY 1 ORDER BY 2 DESC`,
      [month],
    )
  ).rows;
  const payouts = (await sql.query<{ n: number; total: string }>(`SELECT count(*)::int AS n, coalesce(sum(total), 0)::numeric(20, 2)::text AS total FROM payout_statement WHERE period = $1`, [month])).rows[0];
  const ok =
    report.status === "DONE" &&
    report.failed === 0 &&
    report.done === inForce &&
    invoices.drafts === inForce &&
    invoices.contracts === inForce &&
    cpm.mismatches === 0 &&
    cpm.floor === cpm.billed &&
    cpa.mismatches === 0 &&
    cpa.floor_count === cpa.billed_count;
  return { ok, report, inForce, invoices, cpm, cpa, flags, payouts };
}

// ---------------------------------------------------------------------------------------------------------------
// Where the time goes: items drafted again in this process, a batch at a time, every statement timed at the pg driver.

interface StatementStat {
  label: string;
  calls: number;
  ms: number;
}

class StatementRecorder {
  stats = new Map<string, StatementStat>();
  calls = 0;
  busyMs = 0;
  private inflight = 0;
  private busySince = 0;
  enter() {
    if (this.inflight++ === 0) this.busySince = performance.now();
  }
  leave(text: string, ms: number) {
    if (--this.inflight === 0) this.busyMs += performance.now() - this.busySince;
    this.calls++;
    const label = statementLabel(text);
    const stat = this.stats.get(label) ?? this.stats.set(label, { label, calls: 0, ms: 0 }).get(label)!;
    stat.calls++;
    stat.ms += ms;
  }
}

/** A statement's shape: Prisma's schema qualifiers and parameter lists folded, so one query shape is one label. */
function statementLabel(text: string): string {
  const compact = text.replaceAll('"public".', "").replaceAll('"', "").replace(/\s+/g, " ").trim();
  const verb = /^(\w+)/.exec(compact)?.[1]?.toUpperCase() ?? "?";
  if (verb === "BEGIN" || verb === "COMMIT" || verb === "ROLLBACK") return verb;
  const table = /\b(?:FROM|INTO|UPDATE)\s+(\w+)/i.exec(compact)?.[1];
  const where = /\bWHERE\s+(.*)$/i.exec(compact)?.[1] ?? "";
  const condition = where.replace(/\$\d+(\s*,\s*\$\d+)*/g, "$n").replace(/\w+\.(\w+)/g, "$1").slice(0, 70);
  if (verb === "SELECT" && !table) return compact.replace(/\$\d+/g, "$n").slice(0, 90);
  if (verb === "WITH") return `WITH … ${table ?? ""} (${compact.slice(0, 50)}…)`;
  return `${verb} ${table ?? "?"}${condition ? ` WHERE ${condition}` : ""}`;
}

function instrumentPg(recorder: StatementRecorder): () => void {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const config = args[0];
    const text = typeof config === "string" ? config : ((config as { text?: string } | null)?.text ?? "");
    const started = performance.now();
    recorder.enter();
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      recorder.leave(text, performance.now() - started);
    };
    const last = args.length - 1;
    if (last >= 1 && typeof args[last] === "function") {
      const callback = args[last] as (...a: unknown[]) => unknown;
      args[last] = (...a: unknown[]) => {
        done();
        return callback(...a);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as { then?: unknown; finally?: (f: () => void) => unknown };
    if (result && typeof result.then === "function" && typeof result.finally === "function") return result.finally(done);
    done();
    return result;
  };
  return () => {
    proto.query = original;
  };
}

interface Profile {
  items: number;
  wallMs: number;
  busyMs: number;
  calls: number;
  stats: StatementStat[];
  pricingMs: number;
  deliveryDays: number;
  conversions: number;
  linesPerInvoice: number;
  /** The second half of the sample, drafted under the V8 sampling profiler. */
  cpu: CpuSummary & { items: number; wallMs: number };
}

async function profileItems(db: Db, sql: pg.Client, month: string, period: { from: string; to: string }, finance: Parameters<typeof requestAs>[0]): Promise<Profile | null> {
  if (PROFILE_ITEMS < 2) return null;
  // A spread sample of the contracts in force (every template shows up), their drafts deleted so each is drafted
  // fresh, as in the measured run: the first half with every statement timed, the second under the CPU profiler.
  // One more is put in the run and never worked, so the run does not finish (its finisher would draft the month's
  // payout statements, measured above).
  const { rows } = await sql.query<{ id: string; number: string }>(
    `SELECT c.id, c.number FROM contract c WHERE c.status <> 'DRAFT' AND c.term_start <= $2::date AND c.term_end >= $1::date ORDER BY md5(c.number) LIMIT $3`,
    [period.from, period.to, PROFILE_ITEMS + 1],
  );
  if (rows.length < 3) return null;
  await sql.query(`DELETE FROM invoice WHERE period = $1 AND status = 'DRAFT' AND contract_id = ANY($2::uuid[])`, [month, rows.map((r) => r.id)]);
  const run = await startBillingRun(db, requestAs(finance), { period: month, contracts: rows.map((r) => r.number) });
  const all = (await sql.query<{ id: string; contract_id: string }>(`SELECT id, contract_id FROM billing_run_item WHERE run_id = $1::uuid ORDER BY id`, [run.id])).rows.slice(0, rows.length - 1);
  const half = Math.ceil(all.length / 2);
  const [timed, profiled] = [all.slice(0, half), all.slice(half)];

  // Warm this process's caches as a long-running worker's would be (parsed terms per version, Prisma's query plans).
  const warm = await findContractsWithTerms(db, systemActor("bench"), { id: { in: all.map((i) => i.contract_id) } });
  if (warm.length !== all.length) throw new Error("profile sample: contracts not found");

  // Drafted in batches, one after another, as a worker's job drafts them.
  const inBatches = async (items: Array<{ id: string }>) => {
    for (let i = 0; i < items.length; i += BILLING_BATCH_SIZE) await processBillingItems(db, items.slice(i, i + BILLING_BATCH_SIZE).map((item) => item.id));
  };
  const recorder = new StatementRecorder();
  const restore = instrumentPg(recorder);
  const started = performance.now();
  try {
    await inBatches(timed);
  } finally {
    restore();
  }
  const wallMs = performance.now() - started;

  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 250 });
  await session.post("Profiler.start");
  const cpuStarted = performance.now();
  await inBatches(profiled);
  const cpuWallMs = performance.now() - cpuStarted;
  const { profile: cpuProfile } = await session.post("Profiler.stop");
  session.disconnect();

  const failed = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM billing_run_item WHERE run_id = $1::uuid AND status = 'FAILED'`, [run.id])).rows[0].n;
  if (failed > 0) throw new Error(`profile: ${failed} items failed`);

  // The pure pricing of the timed contracts, its inputs read beforehand (what priceContractPeriod hands the domain).
  const contracts = await findContractsWithTerms(db, systemActor("bench"), { id: { in: timed.map((i) => i.contract_id) } });
  const cards = await db.rateCard.findMany({ include: { versions: { orderBy: { number: "asc" } } } });
  const rateCards = Object.fromEntries(cards.map((c) => [c.name, c.versions.map((v) => ({ id: v.id, number: v.number, effectiveFrom: toIsoDate(v.effectiveFrom), entries: ZRateCardEntries.parse(v.entries) }))]));
  const inputs: Array<{
    contract: (typeof contracts)[number];
    delivery: Awaited<ReturnType<typeof currentDelivery>>;
    conversions: Parameters<typeof priceCpaPeriod>[0]["conversions"];
    prior: Awaited<ReturnType<typeof priorBilling>>;
  }> = [];
  let deliveryDays = 0;
  let conversionCount = 0;
  for (const contract of contracts) {
    const delivery = await currentDelivery(db, contract.id, period);
    const conversions = (
      await db.conversion.findMany({
        where: { contractId: contract.id, eligibility: "ELIGIBLE", review: "APPROVED", reversedAt: null, occurredAt: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T23:59:59.999Z`) } },
        select: { id: true, lineKey: true, occurredAt: true, type: true, value: true },
      })
    ).map((r) => ({ id: r.id, lineKey: r.lineKey, occurredAt: r.occurredAt.toISOString(), type: r.type, value: r.value?.toFixed() ?? null }));
    deliveryDays += delivery.length;
    conversionCount += conversions.length;
    inputs.push({ contract, delivery, conversions, prior: await priorBilling(db, contract, month) });
  }
  const priceAll = () => {
    for (const { contract, delivery, conversions, prior } of inputs) {
      const priced = { number: contract.number, currency: contract.currency, roundingMode: contract.roundingMode, term: contract.term };
      priceCpmPeriod({ contract: priced, period, versions: contract.versions, rateCards, delivery, prior });
      priceCpaPeriod({ contract: priced, period, versions: contract.versions, conversions, reversals: [] });
    }
  };
  priceAll(); // warm-up, as the drafting above warmed it
  const pricingStarted = performance.now();
  priceAll();
  const pricingMs = performance.now() - pricingStarted;
  const lines = (await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM invoice_line l JOIN invoice i ON i.id = l.invoice_id WHERE i.period = $1 AND i.contract_id = ANY($2::uuid[])`, [month, timed.map((i) => i.contract_id)])).rows[0].n;

  return {
    items: timed.length,
    wallMs,
    busyMs: recorder.busyMs,
    calls: recorder.calls,
    stats: [...recorder.stats.values()].sort((a, b) => b.ms - a.ms),
    pricingMs,
    deliveryDays,
    conversions: conversionCount,
    linesPerInvoice: lines / timed.length,
    cpu: { ...summarizeCpuProfiles([cpuProfile as unknown as CpuProfile]), items: profiled.length, wallMs: cpuWallMs },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The workers' CPU profiles (BENCH_CPU_PROF=1): self time by file (ours) or package (node_modules).

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string } }>;
  samples: number[];
  timeDeltas: number[];
}

interface CpuSummary {
  totalMs: number;
  idleMs: number;
  places: Array<[string, number]>;
  functions: Array<[string, number]>;
}

const readCpuProfiles = (dir: string): CpuProfile[] =>
  fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile")).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as CpuProfile);

function summarizeCpuProfiles(profiles: CpuProfile[]): CpuSummary {
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!;
      const us = profile.timeDeltas[i] ?? 0;
      if (frame.functionName === "(idle)") {
        idle += us;
        return;
      }
      total += us;
      const place = placeOf(frame.url, frame.functionName);
      byPlace.set(place, (byPlace.get(place) ?? 0) + us);
      const fn = `${frame.functionName || "(anonymous)"} (${place})`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
    });
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { totalMs: total / 1000, idleMs: idle / 1000, places: top(byPlace, 15), functions: top(byFunction, 15) };
}

function printCpu(cpu: CpuSummary, contracts: number) {
  const row = (name: string, us: number) => `| ${name.replaceAll("|", "\\|")} | ${(us / 1000 / contracts).toFixed(2)} | ${((100 * us) / 1000 / cpu.totalMs).toFixed(1)}% |`;
  console.log(`| file or package | ms per contract | share of CPU |`);
  console.log(`|---|---:|---:|`);
  for (const [place, us] of cpu.places) console.log(row(place, us));
  console.log(``);
  console.log(`| function (file or package) | ms per contract | share of CPU |`);
  console.log(`|---|---:|---:|`);
  for (const [fn, us] of cpu.functions) console.log(row(fn, us));
  console.log(``);
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native/builtin)";
  if (url.startsWith("node:")) return "node internals";
  if (url.startsWith("wasm://")) return "wasm";
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const rest = url.slice(modules + "/node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const file = url.replace(/^file:\/\//, "");
  return file.startsWith(ROOT) ? path.relative(ROOT, file) : file;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  if (CONTRACTS < 1 || WORKERS < 1) throw new Error("BENCH_CONTRACTS and BENCH_WORKERS must be at least 1");
  const month = shiftPeriod(todayIso().slice(0, 7), -1);
  const period = periodBounds(month);
  const scratch = await createScratchDatabase();
  const { databaseUrl } = scratch;
  const db = createDb(databaseUrl, 4);
  const sql = new pg.Client({ connectionString: databaseUrl });
  const monitor = new pg.Client({ connectionString: databaseUrl });
  const workers: Worker[] = [];
  const profileDir = CPU_PROF ? fs.mkdtempSync(path.join(os.tmpdir(), "tally-bench-billing-prof-")) : null;
  // Interrupted (Ctrl-C, a timeout): the workers and the scratch database go too.
  const interrupted = async () => {
    for (const w of workers) w.child.kill("SIGKILL");
    for (const client of [sql, monitor]) client.on("error", () => {}); // their connections are ended by the drop
    await scratch.drop().catch(() => {});
    process.exit(130);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    await sql.connect();
    await monitor.connect();
    const setupStarted = performance.now();
    const world = await setUpWorld(db, sql, month, period);
    const setupMs = performance.now() - setupStarted;
    const financeActor = world.finance;
    const deliveryRows = world.deliveryBase + world.corrections;

    console.log(`# Billing run bench: one month of draft invoices on PostgreSQL`);
    console.log(``);
    console.log(`- machine: ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${MB(os.totalmem())} MB RAM, Node ${process.version}`);
    console.log(`- database: ${await databaseFacts(sql, scratch.host)}`);
    console.log(
      `- data: period ${month} (${period.from} … ${period.to}); ${fmt(world.inForce)} contracts in force (+ ${fmt(world.ended)} ended before it) of ${world.advertisers} advertisers, ` +
        `from ${TEMPLATES.length} templates: ${fmt(world.cpmLines)} CPM lines, ${fmt(world.cpaLines)} CPA lines`,
    );
    console.log(`- delivery_record: ${fmt(deliveryRows)} rows (${fmt(world.deliveryBase)} first counts + ${fmt(world.corrections)} corrections); ${await tableShape(sql, "delivery_record")}`);
    console.log(`- conversion: ${fmt(world.conversions)} rows, all APPROVED and ELIGIBLE in the month; ${await tableShape(sql, "conversion")}`);
    console.log(
      HISTORY_MONTHS > 0
        ? `- history: ${HISTORY_MONTHS} earlier month(s): ${fmt(world.historyInvoices)} issued invoices with ${fmt(world.historyLines)} CPM lines (read by prior billing and the month-over-month flag)`
        : `- history: none (the month is the first one billed: prior billing and the previous month's total find nothing)`,
    );
    console.log(`- setup (not measured): ${secs(setupMs)} s — ${world.steps.map(([label, ms]) => `${label} ${secs(ms)} s`).join("; ")}`);
    console.log(`- workers: ${WORKERS} \`tally worker\` process(es), 2 billing pollers each; the run is started in this process (startBillingRun)${CPU_PROF ? "; CPU profiling on (slower)" : ""}`);
    console.log(``);

    const loadBefore = os.loadavg().map((l) => l.toFixed(2)).join(", ");
    console.error(`  floor: ${FLOOR_RUNS} runs`);
    const floor = await runFloor(sql, period);

    console.error(`  starting ${WORKERS} worker(s)`);
    const spawnStarted = performance.now();
    // One after another: workers starting at once on a database whose queues do not exist yet deadlock in
    // pg-boss's create_queue (a known pg-boss 10 race; see the report), and one of them exits.
    for (let i = 0; i < WORKERS; i++) {
      workers.push(spawnWorker(databaseUrl, profileDir));
      await untilWorkerReady(workers[i], 120_000);
    }
    const workerStartMs = performance.now() - spawnStarted;

    const run = await measureRun(db, sql, monitor, workers, month, financeActor);
    const loadAfter = os.loadavg().map((l) => l.toFixed(2)).join(", ");
    const exits = await Promise.all(workers.map(stopWorker));
    const errorLogs = workers.flatMap((w) => w.output().split("\n").filter((l) => /"level":(50|60)/.test(l)));

    console.error(`  verifying`);
    const check = await verify(sql, db, run.runId, month, period);
    console.error(`  profiling ${PROFILE_ITEMS} items in-process`);
    const profile = await profileItems(db, sql, month, period, financeActor);

    // ---- Report
    const rate = (n: number, ms: number) => (ms > 0 ? n / (ms / 1000) : 0);
    console.log(`## The run (start → DONE)`);
    console.log(``);
    console.log(`| phase | seconds | contracts/s | what |`);
    console.log(`|---|---:|---:|---|`);
    console.log(`| start | ${secs(run.startMs)} | | startBillingRun in this process: the contracts in force, ${fmt(run.total)} items, ${fmt(Math.ceil(run.total / BILLING_BATCH_SIZE))} jobs |`);
    console.log(`| items | ${secs(run.itemsMs)} | ${fmt(rate(run.total, run.itemsMs))} | ${WORKERS} worker process(es) draft ${BILLING_BATCH_SIZE} invoices per job, each job in one transaction |`);
    console.log(`| finishing | ${secs(run.finishingMs)} | | the last item's worker drafts the month's payout statements (${check.payouts.n} statements) |`);
    console.log(`| **total** | **${secs(run.totalMs)}** | **${fmt(rate(run.total, run.totalMs))}** | ${fmt(run.total)} contracts, ${check.report.done} done, ${check.report.failed} failed |`);
    console.log(``);
    console.log(`| process | RSS idle | peak RSS (VmHWM) | peak while starting | peak while drafting items | peak while finishing | CPU s |`);
    console.log(`|---|---:|---:|---:|---:|---:|---:|`);
    workers.forEach((w, i) => {
      const p = run.peaks[i];
      console.log(`| worker ${i + 1} (pid ${w.pid}) | ${MB(run.idleRss[i])} MB | **${MB(run.hwm[i])} MB** | ${MB(p.start)} MB | ${MB(p.items)} MB | ${MB(p.finishing)} MB | ${run.workerCpu[i].toFixed(1)} |`);
    });
    console.log(`| this process (starts the run) | | | ${MB(run.ownPeaks.start)} MB | ${MB(run.ownPeaks.items)} MB | ${MB(run.ownPeaks.finishing)} MB | ${run.ownCpu.toFixed(1)} |`);
    console.log(`| PostgreSQL backends | | | | | | ${run.pgCpu.toFixed(1)} |`);
    console.log(``);
    const cpuTotal = run.workerCpu.reduce((a, b) => a + b, 0) + run.ownCpu + run.pgCpu;
    console.log(
      `CPU: ${cpuTotal.toFixed(1)} s over ${secs(run.totalMs)} s of wall time on ${os.cpus().length} cores (${((100 * cpuTotal) / (os.cpus().length * (run.totalMs / 1000))).toFixed(0)} % busy): ` +
        `workers ${run.workerCpu.reduce((a, b) => a + b, 0).toFixed(1)} s (${((1000 * run.workerCpu.reduce((a, b) => a + b, 0)) / run.total).toFixed(1)} ms per contract), ` +
        `PostgreSQL ${run.pgCpu.toFixed(1)} s (${((1000 * run.pgCpu) / run.total).toFixed(1)} ms per contract). Workers took ${secs(workerStartMs)} s to start (not measured). ` +
        `One pg-boss fetch (a poll of the billing queue) with ${fmt(run.queueFetch.queued)} jobs queued took the database ${run.queueFetch.ms.toFixed(1)} ms (it reads and sorts every queued job, so polls get cheaper as the queue drains). ` +
        `The database committed ${fmt(run.commits)} transactions (${(run.commits / run.total).toFixed(1)} per contract, pg-boss's and the progress polling's included) and the server wrote ${MB(run.walBytes)} MB of WAL (all databases). ` +
        `Load average before: ${loadBefore}; after: ${loadAfter}${Number(loadBefore.split(",")[0]) > 1.5 ? " (**the machine was busy with other work: the numbers are skewed**)" : ""}.`,
    );
    console.log(``);

    console.log(`### As the run progressed`);
    console.log(``);
    console.log(`| through | settled | seconds since start | contracts/s in that quarter |`);
    console.log(`|---:|---:|---:|---:|`);
    let previous: Progress = run.progress[0];
    for (const q of [1, 2, 3, 4]) {
      const target = Math.ceil((run.total * q) / 4);
      const reached = run.progress.find((p) => p.settled >= target);
      if (!reached || reached === previous) continue;
      console.log(`| ${q * 25}% | ${fmt(reached.settled)} | ${secs(reached.ms)} | ${fmt(rate(reached.settled - previous.settled, reached.ms - previous.ms))} |`);
      previous = reached;
    }
    console.log(``);

    console.log(`## The floor: one SQL aggregation of the same quantities`);
    console.log(``);
    console.log(
      `${FLOOR_RUNS} runs: ${floor.runs.map((r) => `${(r.ms / 1000).toFixed(3)} s`).join(", ")} (${fmt(floor.runs[0].rows)} (contract, line) rows: Σ billable impressions per CPM line under its billable source from the current counts, count and Σ value of billable conversions per CPA line). ` +
        `Best ${(floor.best / 1000).toFixed(3)} s. Its plan's top: ${floor.plan.slice(0, 3).map((l) => l.trim()).join(" / ")}`,
    );
    console.log(``);

    console.log(`## Correctness`);
    console.log(``);
    console.log(`- ${check.ok ? "OK" : "**NOT OK**"}: run ${check.report.status}, ${fmt(check.report.done)} done, ${check.report.failed} failed of ${fmt(check.report.total)}; contracts in force ${fmt(check.inForce)}; DRAFT invoices ${fmt(check.invoices.drafts)} for ${fmt(check.invoices.contracts)} contracts, Σ total ${check.invoices.total} USD, ${fmt(check.invoices.lines)} lines.`);
    console.log(`- CPM: Σ line quantities ${fmt(Number(check.cpm.billed))} vs the floor's Σ billable impressions ${fmt(Number(check.cpm.floor))}; ${check.cpm.mismatches} of ${fmt(check.cpm.pairs)} (contract, line) pairs differ.`);
    console.log(`- CPA: ${fmt(Number(check.cpa.billed_count))} conversions billed (value ${check.cpa.billed_value}) vs the floor's ${fmt(Number(check.cpa.floor_count))} (value ${check.cpa.floor_value}); ${check.cpa.mismatches} of ${fmt(check.cpa.pairs)} (contract, line) pairs differ.`);
    console.log(`- Flags for review: ${check.flags.map((f) => `${f.kind} ${fmt(f.n)}`).join(", ") || "none"}. Payout statements: ${check.payouts.n}, Σ ${check.payouts.total} USD.`);
    console.log(`- Workers: exits ${exits.map((e) => (e.signal ? e.signal : `code ${e.code}`)).join(", ")}; ${errorLogs.length} error log line(s)${errorLogs.length ? `: ${errorLogs.slice(0, 3).join(" | ").slice(0, 1_000)}` : ""}.`);
    if (check.report.failures.length) console.log(`- Failures: ${check.report.failures.slice(0, 5).map((f) => `${f.contractNumber}: ${f.error}`).join("; ")}`);
    console.log(``);

    if (profile) {
      const per = (x: number) => (x / profile.items).toFixed(2);
      console.log(`## Where a contract's time goes (${profile.items} contracts drafted again in this process, ${BILLING_BATCH_SIZE} at a time, no contention)`);
      console.log(``);
      console.log(
        `${per(profile.wallMs)} ms per contract (${fmt(rate(profile.items, profile.wallMs))}/s on one connection at a time): ${per(profile.busyMs)} ms waiting on ${per(profile.calls)} SQL round trips, ` +
          `${per(profile.wallMs - profile.busyMs)} ms in Node, of which pure pricing (priceCpmPeriod + priceCpaPeriod) ${per(profile.pricingMs)} ms. ` +
          `A contract here reads ${per(profile.deliveryDays)} (line, day) delivery rows and ${per(profile.conversions)} conversions and writes ${profile.linesPerInvoice.toFixed(1)} invoice lines.`,
      );
      console.log(``);
      console.log(`| statement (shape) | calls per contract | ms per call | ms per contract | share of SQL time |`);
      console.log(`|---|---:|---:|---:|---:|`);
      const sqlMs = profile.stats.reduce((s, x) => s + x.ms, 0);
      for (const s of profile.stats) {
        console.log(`| \`${s.label.replaceAll("|", "\\|")}\` | ${per(s.calls)} | ${(s.ms / s.calls).toFixed(2)} | ${per(s.ms)} | ${((100 * s.ms) / sqlMs).toFixed(0)}% |`);
      }
      console.log(``);
    }

    if (profile) {
      const { cpu } = profile;
      console.log(
        `### CPU of the next ${cpu.items} contracts drafted in this process (V8 sampling profiler, self time): ${(cpu.wallMs / cpu.items).toFixed(2)} ms per contract, ` +
          `${(cpu.totalMs / cpu.items).toFixed(2)} ms of it on the CPU in Node, ${(cpu.idleMs / cpu.items).toFixed(2)} ms idle (waiting on PostgreSQL)`,
      );
      console.log(``);
      console.log(`(\`dispatch\`, native, is the in-process inspector session taking the samples: a worker run under --cpu-prof (BENCH_CPU_PROF=1) shows none.)`);
      console.log(``);
      printCpu(cpu, cpu.items);
    }

    if (profileDir) {
      const cpu = summarizeCpuProfiles(readCpuProfiles(profileDir));
      console.log(`## The workers' CPU profile during the run (self time: ${secs(cpu.totalMs)} s busy, ${secs(cpu.idleMs)} s idle; profiles in ${profileDir})`);
      console.log(``);
      printCpu(cpu, run.total);
    }

    const ratio = run.totalMs / floor.best;
    const worstRss = MB(Math.max(...run.hwm, ...run.peaks.map((p) => Math.max(p.start, p.items, p.finishing))));
    const pass = ratio <= RATIO_GOAL && worstRss < RSS_GOAL_MB && check.ok;
    console.log(
      `Verdict: ${pass ? "PASS" : "FAIL"}: ${fmt(run.total)} contracts drafted in ${secs(run.totalMs)} s = ${fmt(rate(run.total, run.totalMs))} contracts/s with ${WORKERS} worker(s) = ` +
        `${ratio.toFixed(1)}× the floor (${(floor.best / 1000).toFixed(3)} s) ${ratio <= RATIO_GOAL ? "≤" : ">"} ${RATIO_GOAL}×; worker peak RSS ${worstRss} MB ${worstRss < RSS_GOAL_MB ? "<" : "≥"} ${RSS_GOAL_MB} MB; ` +
        `correctness ${check.ok ? "OK" : "NOT OK"}.`,
    );
    console.log(``);
    const workerCpuMs = (1000 * run.workerCpu.reduce((a, b) => a + b, 0)) / run.total;
    const pgCpuMs = (1000 * run.pgCpu) / run.total;
    const itemsPeak = MB(Math.max(...run.peaks.map((p) => p.items)));
    const finishingPeak = MB(Math.max(...run.peaks.map((p) => p.finishing)));
    let where = "";
    if (profile) {
      const prisma = profile.cpu.places.filter(([place]) => place === "wasm" || place.startsWith("@prisma/")).reduce((sum, [, us]) => sum + us, 0) / 1000;
      where =
        ` Drafted in batches of ${BILLING_BATCH_SIZE} in one process, one contract takes ${(profile.wallMs / profile.items).toFixed(1)} ms: ${(profile.busyMs / profile.items).toFixed(1)} ms waiting on ${(profile.calls / profile.items).toFixed(2)} SQL round trips ` +
        `and ${((profile.wallMs - profile.busyMs) / profile.items).toFixed(1)} ms in Node, where Prisma (its WASM query compiler and query interpreter) takes ` +
        `${((100 * prisma) / profile.cpu.totalMs).toFixed(0)} % of the CPU and the pure pricing ${(profile.pricingMs / profile.items).toFixed(1)} ms.`;
    }
    console.log(
      `Summary: on ${os.cpus().length} cores with PostgreSQL on the same machine, ${WORKERS} worker process(es) drafted ${fmt(run.total)} invoices ` +
        `(${fmt(deliveryRows)} delivery rows, ${fmt(world.conversions)} conversions) in ${secs(run.totalMs)} s, ${fmt(rate(run.total, run.totalMs))} contracts/s: ` +
        `${ratio.toFixed(0)}× the ${(floor.best / 1000).toFixed(1)} s of one SQL aggregation of the same quantities (goal ≤ ${RATIO_GOAL}×: ${ratio <= RATIO_GOAL ? "met" : "not met"}). ` +
        `Workers peaked at ${itemsPeak} MB while drafting and ${finishingPeak} MB in the one that drafted the month's payout statements (goal < ${RSS_GOAL_MB} MB: ${worstRss < RSS_GOAL_MB ? "met" : "not met"}). ` +
        `Each contract cost ${workerCpuMs.toFixed(0)} ms of worker CPU and ${pgCpuMs.toFixed(0)} ms of PostgreSQL CPU, and ${(run.commits / run.total).toFixed(1)} commits (pg-boss's included).${where} ` +
        `One draft per contract, no failure, and every (contract, line)'s billed quantity equal to the floor's: ${check.ok ? "yes" : "NO"}.`,
    );
  } finally {
    for (const w of workers) await stopWorker(w).catch(() => {});
    await closeQueueClients().catch(() => {});
    await db.$disconnect();
    await sql.end().catch(() => {});
    await monitor.end().catch(() => {});
    if (KEEP_DATABASE) {
      await scratch.keep();
      console.error(`  kept the database for a look: ${databaseUrl}`);
    } else await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
