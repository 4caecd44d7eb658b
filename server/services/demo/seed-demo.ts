// The demo world: a few advertisers and one account per role, all with password `demo`. Created only on the
// embedded database or when explicitly asked for (TALLY_DEMO=1, `tally db seed --demo`). Idempotent: it does
// nothing when the demo accounts already exist. Later capabilities extend it with contracts, delivery, invoices.
import { systemActor, type RequestContext } from "../../auth/actor";
import { hashPassword } from "../../auth/password";
import type { Db } from "../../db/client";
import type { Role } from "../../db/generated/enums";
import { recordAudit } from "../audit/record-audit";
import { seedDemoContracts } from "./seed-demo-contracts";
import { seedDemoConversions } from "./seed-demo-conversions";
import { seedDemoDelivery } from "./seed-demo-delivery";

export const DEMO_PASSWORD = "demo";

export const DEMO_ADVERTISERS = [
  { slug: "acme", name: "Acme Streaming Co.", currency: "USD" },
  { slug: "globex", name: "Globex Networks", currency: "EUR" },
  { slug: "initech", name: "Initech Home", currency: "USD" },
  { slug: "umbrella", name: "Umbrella Outdoor", currency: "GBP" },
] as const;

export const DEMO_USERS: { email: string; name: string; role: Role; advertiser?: string }[] = [
  { email: "ops@demo.tally", name: "Olivia Ops", role: "OPS" },
  { email: "finance@demo.tally", name: "Fiona Finance", role: "FINANCE" },
  { email: "finance2@demo.tally", name: "Frank Finance", role: "FINANCE" },
  { email: "admin@demo.tally", name: "Ada Admin", role: "ADMIN" },
  { email: "ads@acme.demo", name: "Alex at Acme", role: "ADVERTISER", advertiser: "acme" },
  { email: "ads@globex.demo", name: "Greta at Globex", role: "ADVERTISER", advertiser: "globex" },
  { email: "ads@initech.demo", name: "Ian at Initech", role: "ADVERTISER", advertiser: "initech" },
];

export async function seedDemoWorld(db: Db, ctx: RequestContext = { actor: systemActor("demo seed"), source: "CLI", requestId: "seed-demo" }) {
  const created = await seedDemoPeople(db, ctx);
  // Contracts are seeded once, through the services, after the people who write and approve them exist.
  if ((await db.contract.count()) === 0) {
    const users = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
    const actor = (email: string) => {
      const u = users.find((x) => x.email === email)!;
      return { type: "USER" as const, id: u.id, label: u.email, role: u.role, advertiserId: u.advertiserId };
    };
    const advertisers = await db.advertiser.findMany({ where: { slug: { in: DEMO_ADVERTISERS.map((a) => a.slug) } } });
    const people = { ops: actor("ops@demo.tally"), finance: actor("finance@demo.tally"), finance2: actor("finance2@demo.tally") };
    await seedDemoContracts(db, people, new Map(advertisers.map((a) => [a.slug, a.id])));
    await seedDemoDelivery(db);
    await seedDemoConversions(db, people);
  }
  return { created };
}

async function seedDemoPeople(db: Db, ctx: RequestContext): Promise<boolean> {
  if (await db.user.findUnique({ where: { email: DEMO_USERS[0].email }, select: { id: true } })) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.$transaction(async (tx) => {
    const advertiserIds = new Map<string, string>();
    for (const a of DEMO_ADVERTISERS) {
      const advertiser = await tx.advertiser.upsert({ where: { slug: a.slug }, update: {}, create: a });
      advertiserIds.set(a.slug, advertiser.id);
      await recordAudit(tx, ctx, { action: "advertiser.created", entityId: advertiser.id, after: a });
    }
    for (const u of DEMO_USERS) {
      const advertiserId = u.advertiser ? advertiserIds.get(u.advertiser)! : null;
      const user = await tx.user.create({ data: { email: u.email, name: u.name, role: u.role, advertiserId, passwordHash } });
      await recordAudit(tx, ctx, { action: "user.created", entityId: user.id, after: { email: u.email, role: u.role, advertiserId } });
    }
    await recordAudit(tx, ctx, { action: "demo.seeded", entityId: "demo", after: { advertisers: DEMO_ADVERTISERS.length, users: DEMO_USERS.length } });
  });
  return true;
}
