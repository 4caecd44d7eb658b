// `tally <area> <command>`: support and finance tooling against the same database as the app
// (DATABASE_URL, or the embedded database in TALLY_DATA_DIR). Each command validates its flags with zod,
// prints human-readable text (or JSON with --json) and exits non-zero on error.
import readline from "node:readline";
import { parseArgs } from "node:util";
import { z } from "zod";
import { systemActor, type RequestContext } from "../auth/actor";
import { createDb, type Db } from "../db/client";
import { connectDatabase } from "../db/connect";
import { migrate, migrationStatus } from "../db/migrate";
import { readEnv } from "../env";
import { AppError } from "../errors";

export const USAGE = `Usage: tally <command> [options]

Commands:
  db migrate                       Apply pending database migrations
  db seed --demo                   Create the demo world (accounts with password "demo")
  users create --email E --name N --role R [--advertiser SLUG] [--password P]
                                   Create a user (password from --password or TALLY_PASSWORD)
  price                            Price JSON-lines requests from stdin: one JSON answer per line on stdout
                                   {"model":{"model":"perMille","ratePerThousand":"12.50"},"units":"1000000"}
  preview --contract C-2026-0001 --period 2026-10 [--json]
                                   Print the draft invoice billing would produce, with each line's trace; saves nothing
  explain INV-2026-000123 [--json]  Print an invoice with every line's calculation trace in words
  audit verify [--json]            Verify the audit log's hash chain; exit 2 if broken
  renewals run [--today YYYY-MM-DD] [--json]
                                   Open due renewals and expire ended contracts now
  conversions auto-approve [--json]
                                   Approve pending conversions whose lock period has passed (also hourly on the queue)
  billing run --period 2026-10 [--contract C-2026-0001 …] [--json]
                                   Draft the month's invoices on the job queue (working it here too), with a progress bar
  payouts draft --period 2026-10 [--json]
                                   Draft the month's partner payout statements (drafts replaced; approved ones kept)
  worker                           Run the background workers until stopped (SIGTERM)

Database: DATABASE_URL, or the embedded database in TALLY_DATA_DIR (default ./.tally).`;

type Out = { log: (line: string) => void; error: (line: string) => void };

interface Command {
  /** "none": pure tooling; "any": may run before migrations (db migrate); "migrated": needs the current schema. */
  database: "none" | "any" | "migrated";
  run(args: string[], db: Db, ctx: RequestContext, out: Out, url: string): Promise<number>;
}

/** Commands that read standard input and need no database. */
interface PureCommand {
  database: "none";
  run(args: string[], out: Out, input: NodeJS.ReadableStream): Promise<number>;
}

const ZUsersCreateFlags = z.object({
  email: z.string({ error: "--email is required" }),
  name: z.string({ error: "--name is required" }),
  role: z.string({ error: "--role is required" }).transform((r) => r.toUpperCase()),
  advertiser: z.string().optional(),
  password: z.string().optional(),
});

const ZRenewalsFlags = z.object({
  today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "--today must look like 2026-12-01").optional(),
  json: z.boolean().optional(),
});

const ZPreviewFlags = z.object({
  contract: z.string({ error: "--contract is required (e.g. --contract C-2026-0001)" }),
  period: z.string({ error: "--period is required (e.g. --period 2026-10)" }),
  json: z.boolean().optional(),
});

const PURE_COMMANDS: Record<string, PureCommand> = {
  price: {
    database: "none",
    async run(_args, out, input) {
      const { answerPriceRequest } = await import("../domain/pricing/price-request");
      const lines = readline.createInterface({ input, crlfDelay: Infinity });
      for await (const line of lines) {
        if (line.trim() === "") continue;
        out.log(JSON.stringify(answerPriceRequest(line)));
      }
      return 0;
    },
  },
};

const COMMANDS: Record<string, Command> = {
  "db migrate": {
    database: "any",
    async run(_args, _db, _ctx, out, url) {
      const applied = await migrate(url);
      out.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    },
  },
  "db seed": {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({ args, options: { demo: { type: "boolean" } } });
      if (!values.demo) throw new AppError("VALIDATION_FAILED", "Only the demo world can be seeded: pass --demo");
      const { seedDemoWorld } = await import("../services/demo/seed-demo");
      const result = await seedDemoWorld(db, ctx);
      out.log(result.created ? "Seeded the demo world." : "Demo world already present; nothing to do.");
      return 0;
    },
  },
  "users create": {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({
        args,
        options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string" }, advertiser: { type: "string" }, password: { type: "string" } },
      });
      const flags = ZUsersCreateFlags.parse(values);
      let advertiserId: string | null = null;
      if (flags.advertiser) {
        const advertiser = await db.advertiser.findUnique({ where: { slug: flags.advertiser }, select: { id: true } });
        if (!advertiser) throw new AppError("NOT_FOUND", `No advertiser with handle "${flags.advertiser}"`);
        advertiserId = advertiser.id;
      }
      const { createUser, ZCreateUserRequestSchema } = await import("../services/users/users");
      const input = ZCreateUserRequestSchema.parse({ ...flags, advertiserId, password: flags.password ?? process.env.TALLY_PASSWORD });
      const user = await createUser(db, ctx, input);
      out.log(`Created ${user.role} ${user.email} (${user.id})`);
      return 0;
    },
  },
  "renewals run": {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({ args, options: { today: { type: "string" }, json: { type: "boolean" } } });
      const flags = ZRenewalsFlags.parse(values);
      const { runRenewals } = await import("../services/contracts/run-renewals");
      const report = await runRenewals(db, ctx, flags.today);
      if (flags.json) out.log(JSON.stringify(report));
      else {
        out.log(`Renewals run for ${report.today}: ${report.renewalsCreated.length} renewal(s) opened, ${report.expired.length} contract(s) expired.`);
        for (const r of report.renewalsCreated) out.log(`  renewal submitted for approval: ${r.contract}`);
        for (const n of report.expired) out.log(`  expired: ${n}`);
        for (const s of report.skipped) out.log(`  skipped ${s.contract}: ${s.reason}`);
      }
      return 0;
    },
  },
  "conversions auto-approve": {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
      const { autoApproveConversions } = await import("../services/conversions/auto-approve-conversions");
      const report = await autoApproveConversions(db, ctx);
      out.log(values.json ? JSON.stringify(report) : `Approved ${report.approved} conversion(s) whose lock period had passed.`);
      return 0;
    },
  },
  "billing run": {
    database: "migrated",
    async run(args, db, ctx, out, url) {
      const { values } = parseArgs({ args, options: { period: { type: "string" }, contract: { type: "string", multiple: true }, json: { type: "boolean" } } });
      const { startBillingRun, getBillingRun, ZStartBillingRunRequestSchema } = await import("../services/billing/billing-runs");
      const { queueClient, closeQueueClients } = await import("../jobs/queue-client");
      const { workBillingQueue } = await import("../jobs/queues");
      const input = ZStartBillingRunRequestSchema.parse({ period: values.period ?? "", contracts: values.contract ?? [] });
      await workBillingQueue(await queueClient(url), db);
      try {
        let run = await startBillingRun(db, ctx, input);
        const bar = progressBar(values.json ? null : process.stderr);
        while (run.status !== "DONE") {
          bar.update(run.done + run.failed, run.total, run.failed);
          await new Promise((r) => setTimeout(r, 500));
          run = await getBillingRun(db, run.id);
        }
        bar.update(run.done + run.failed, run.total, run.failed);
        bar.end();
        if (values.json) out.log(JSON.stringify(run));
        else {
          out.log(`Billing run for ${run.period}: ${run.done} draft invoice(s), ${run.failed} failed, of ${run.total} contract(s); payout statements drafted.`);
          for (const f of run.failures) out.log(`  failed ${f.contractNumber}: ${f.error}`);
        }
        return run.failed > 0 ? 2 : 0;
      } finally {
        await closeQueueClients();
      }
    },
  },
  "payouts draft": {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({ args, options: { period: { type: "string" }, json: { type: "boolean" } } });
      const { draftPayoutStatements, ZDraftPayoutStatementsRequestSchema } = await import("../services/payouts/draft-payout-statements");
      const report = await draftPayoutStatements(db, ctx, ZDraftPayoutStatementsRequestSchema.parse({ period: values.period ?? "" }));
      if (values.json) out.log(JSON.stringify(report));
      else {
        out.log(`Payout statements for ${report.period}: ${report.drafted} drafted from ${report.contracts} contract(s).`);
        for (const s of report.skipped) out.log(`  kept ${s.partnerKey} (${s.currency}): already ${s.status.toLowerCase()}`);
        for (const f of report.flags) out.log(`  warning: ${f.conversions} conversion(s) through ${f.partnerKey} on ${f.contractNumber} have no payout terms`);
      }
      return 0;
    },
  },
  worker: {
    database: "migrated",
    async run(_args, _db, _ctx, out, url) {
      const { startWorkers } = await import("../jobs/queues");
      const workers = await startWorkers(url);
      out.log("Workers running; stop with Ctrl-C or SIGTERM.");
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await workers.stop();
      return 0;
    },
  },
  preview: {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values } = parseArgs({ args, options: { contract: { type: "string" }, period: { type: "string" }, json: { type: "boolean" } } });
      const flags = ZPreviewFlags.parse(values);
      const { previewContractPeriod, ZPreviewContractPeriodRequestSchema } = await import("../services/billing/preview-contract-period");
      const { formatPreview } = await import("./format-preview");
      const preview = await previewContractPeriod(db, ctx.actor, ZPreviewContractPeriodRequestSchema.parse({ contractNumber: flags.contract, period: flags.period }));
      if (flags.json) out.log(JSON.stringify(preview));
      else for (const line of formatPreview(preview)) out.log(line);
      return 0;
    },
  },
  explain: {
    database: "migrated",
    async run(args, db, ctx, out) {
      const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
      if (positionals.length !== 1) throw new AppError("VALIDATION_FAILED", "Name one invoice, e.g. tally explain INV-2026-000123");
      const { getInvoiceByNumber } = await import("../services/invoices/invoice-queries");
      const { formatInvoice } = await import("./format-preview");
      const invoice = await getInvoiceByNumber(db, ctx.actor, positionals[0]);
      if (values.json) out.log(JSON.stringify(invoice));
      else for (const line of formatInvoice(invoice)) out.log(line);
      return 0;
    },
  },
  "audit verify": {
    database: "migrated",
    async run(args, db, _ctx, out) {
      const { values } = parseArgs({ args, options: { json: { type: "boolean" } } });
      const { verifyAuditChain } = await import("../services/audit/verify-audit-chain");
      const report = await verifyAuditChain(db);
      if (values.json) out.log(JSON.stringify(report));
      else if (report.ok) out.log(`Audit chain intact: ${report.checked} entries verified.`);
      else out.error(`Audit chain BROKEN at entry ${report.brokenAt!.id} (${report.brokenAt!.reason}); ${report.checked} entries before it verified.`);
      return report.ok ? 0 : 2;
    },
  },
};

/** A one-line progress bar on a terminal (redrawn in place); nothing when not on one, or for --json. */
function progressBar(stream: NodeJS.WriteStream | null) {
  const live = stream?.isTTY ? stream : null;
  let last = "";
  return {
    update(done: number, total: number, failed: number) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ""}`;
      if (live && line !== last) live.write(`\r${line}`);
      last = line;
    },
    end() {
      if (live) live.write("\n");
    },
  };
}

function describe(err: unknown): string {
  if (err instanceof z.ZodError) return err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n");
  if (err instanceof AppError) {
    const fields = err.fieldErrors ? Object.entries(err.fieldErrors).map(([k, v]) => `\n  ${k}: ${v.join("; ")}`).join("") : "";
    return `${err.message}${fields}`;
  }
  if (err instanceof Error && /unknown option|unexpected argument/i.test(err.message)) return err.message;
  return `Unexpected error: ${(err as Error).message}`;
}

export async function main(argv: string[], out: Out = { log: console.log, error: console.error }, input: NodeJS.ReadableStream = process.stdin): Promise<number> {
  const pure = PURE_COMMANDS[argv[0]];
  if (pure) {
    try {
      return await pure.run(argv.slice(1), out, input);
    } catch (err) {
      out.error(describe(err));
      return 1;
    }
  }
  const key = COMMANDS[argv[0]] ? argv[0] : argv.slice(0, 2).join(" ");
  const command = COMMANDS[key];
  if (!command) {
    if (argv.length && !["help", "--help", "-h"].includes(argv[0])) out.error(`Unknown command: ${argv.join(" ")}\n`);
    out.log(USAGE);
    return argv.length && !["help", "--help", "-h"].includes(argv[0]) ? 64 : 0;
  }
  const env = readEnv();
  const target = await connectDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.TALLY_DATA_DIR });
  const db = createDb(target.url, 2);
  try {
    if (command.database === "migrated") {
      const { pending } = await migrationStatus(target.url);
      if (pending.length) throw new AppError("CONFLICT", `The database has ${pending.length} pending migration(s): run \`tally db migrate\` first`);
    }
    const ctx: RequestContext = { actor: systemActor(`cli:${process.env.USER ?? "operator"}`), source: "CLI", requestId: `cli-${Date.now()}` };
    return await command.run(argv.slice(key.split(" ").length), db, ctx, out, target.url);
  } catch (err) {
    out.error(describe(err));
    return 1;
  } finally {
    await db.$disconnect();
    await target.close();
  }
}
