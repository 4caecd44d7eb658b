import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../auth/actor";
import { callerAs, insertAdvertiser, insertUser, requestAs, userActor } from "../../testing/fixtures";
import { useTestDatabase } from "../../testing/test-db";
import { clientErrorOf, rejectionOf } from "../../testing/trpc-errors";
import { authenticateApiKey, createApiKey } from "../apiKeys/api-keys";

const t = useTestDatabase();

let acmeId: string;
let globexId: string;
let acmeUser: Actor;
const staff = (role: "OPS" | "FINANCE" | "ADMIN"): Actor => ({ type: "USER", id: `00000000-0000-4000-8000-00000000000${role.length}`, label: role, role, advertiserId: null });

beforeAll(async () => {
  acmeId = (await insertAdvertiser(t.db, "acme", "Acme Streaming")).id;
  globexId = (await insertAdvertiser(t.db, "globex", "Globex Networks")).id;
  acmeUser = userActor(await insertUser(t.db, { email: "ads@acme.test", role: "ADVERTISER", advertiserId: acmeId }));
});

describe("advertisers visible to an advertiser user", () => {
  it("lists only its own advertiser", async () => {
    const page = await callerAs(t.db, acmeUser).advertisers.list({});
    expect(page.items.map((a) => a.id)).toEqual([acmeId]);
    expect(page.total).toBe(1);
  });

  it("reads its own advertiser, with its users", async () => {
    const acme = await callerAs(t.db, acmeUser).advertisers.byId({ id: acmeId });
    expect(acme).toMatchObject({ id: acmeId, slug: "acme", users: [{ email: "ads@acme.test" }] });
  });

  it("gets NOT_FOUND for another advertiser, exactly as for an id that does not exist", async () => {
    const other = await rejectionOf(callerAs(t.db, acmeUser).advertisers.byId({ id: globexId }));
    const missing = await rejectionOf(callerAs(t.db, acmeUser).advertisers.byId({ id: "00000000-0000-4000-8000-0000000000ff" }));
    expect(other.code).toBe("NOT_FOUND");
    expect(clientErrorOf(other)).toEqual(clientErrorOf(missing));
  });

  it("cannot find another advertiser by searching for it", async () => {
    const page = await callerAs(t.db, acmeUser).advertisers.list({ search: "Globex" });
    expect(page).toMatchObject({ total: 0, items: [] });
  });

  it("may not create advertisers", async () => {
    expect((await rejectionOf(callerAs(t.db, acmeUser).advertisers.create({ name: "Mine", slug: "mine" }))).code).toBe("FORBIDDEN");
  });
});

describe("advertisers visible to staff", () => {
  it.each(["OPS", "FINANCE", "ADMIN"] as const)("%s sees every advertiser", async (role) => {
    const caller = callerAs(t.db, staff(role));
    const page = await caller.advertisers.list({});
    expect(page.items.map((a) => a.slug)).toEqual(expect.arrayContaining(["acme", "globex"]));
    expect((await caller.advertisers.byId({ id: globexId })).slug).toBe("globex");
  });

  it("search narrows the list by name, case-insensitively", async () => {
    const page = await callerAs(t.db, staff("OPS")).advertisers.list({ search: "gLoBeX" });
    expect(page.items.map((a) => a.slug)).toEqual(["globex"]);
  });

  it("pages in name order", async () => {
    const page = await callerAs(t.db, staff("OPS")).advertisers.list({ pageSize: 1, page: 2 });
    expect(page.items.map((a) => a.slug)).toEqual(["globex"]);
    expect(page.pageCount).toBeGreaterThanOrEqual(2);
  });
});

describe("advertisers.create", () => {
  it("lets OPS create an advertiser, normalising slug and currency, and audits it", async () => {
    const created = await callerAs(t.db, staff("OPS")).advertisers.create({ name: "Initech Home", slug: " Initech ", currency: "eur" });
    expect(created).toMatchObject({ name: "Initech Home", slug: "initech", currency: "EUR" });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "advertiser.created", entityId: created.id } });
    expect(audit).toMatchObject({ entityType: "Advertiser", actorLabel: "OPS", after: { slug: "initech", currency: "EUR" } });
  });

  it("defaults the currency to USD", async () => {
    const created = await callerAs(t.db, staff("ADMIN")).advertisers.create({ name: "Umbrella", slug: "umbrella" });
    expect(created.currency).toBe("USD");
  });

  it("refuses FINANCE with FORBIDDEN", async () => {
    const err = await rejectionOf(callerAs(t.db, staff("FINANCE")).advertisers.create({ name: "Hooli", slug: "hooli" }));
    expect(err.code).toBe("FORBIDDEN");
    expect(await t.db.advertiser.count({ where: { slug: "hooli" } })).toBe(0);
  });

  it("refuses an anonymous caller with UNAUTHORIZED", async () => {
    expect((await rejectionOf(callerAs(t.db, null).advertisers.list({}))).code).toBe("UNAUTHORIZED");
  });

  it.each([["-acme"], ["Acme TV"], ["a"], ["acme_tv"], ["x".repeat(41)]])("rejects the slug %j with a message on the slug field", async (slug) => {
    const err = await rejectionOf(callerAs(t.db, staff("OPS")).advertisers.create({ name: "Bad Slug", slug }));
    expect(err.code).toBe("BAD_REQUEST");
    expect(clientErrorOf(err).data.fieldErrors).toEqual({ slug: ["Lower-case letters, digits and dashes (2–40), e.g. acme-tv"] });
  });

  it("accepts slugs at both length bounds (2 and 40 characters)", async () => {
    const caller = callerAs(t.db, staff("OPS"));
    expect((await caller.advertisers.create({ name: "Two", slug: "ab" })).slug).toBe("ab");
    expect((await caller.advertisers.create({ name: "Forty", slug: `a${"-".repeat(38)}z` })).slug).toHaveLength(40);
  });

  it("rejects a currency that is not a three-letter code", async () => {
    const err = await rejectionOf(callerAs(t.db, staff("OPS")).advertisers.create({ name: "Dollar", slug: "dollar", currency: "US$" }));
    expect(clientErrorOf(err).data.fieldErrors).toEqual({ currency: ["Use a three-letter ISO 4217 code, e.g. USD"] });
  });

  it("refuses a slug already in use with CONFLICT on the slug field", async () => {
    const err = await rejectionOf(callerAs(t.db, staff("OPS")).advertisers.create({ name: "Acme Again", slug: "acme" }));
    expect(err.code).toBe("CONFLICT");
    expect(clientErrorOf(err).data.fieldErrors).toEqual({ slug: ["Already used by another advertiser"] });
  });
});

describe("advertisers visible to an API key", () => {
  it("a key bound to Acme sees only Acme; an unbound key sees all", async () => {
    const admin = userActor(await insertUser(t.db, { email: "admin@tally.test", role: "ADMIN" }));
    const bound = await createApiKey(t.db, requestAs(admin), { name: "Acme feed", scopes: ["advertisers:read"], advertiserId: acmeId });
    const unbound = await createApiKey(t.db, requestAs(admin), { name: "Internal feed", scopes: ["advertisers:read"] });

    const boundCaller = callerAs(t.db, await authenticateApiKey(t.db, bound.plaintext));
    expect((await boundCaller.advertisers.list({})).items.map((a) => a.id)).toEqual([acmeId]);
    expect((await rejectionOf(boundCaller.advertisers.byId({ id: globexId }))).code).toBe("NOT_FOUND");

    const unboundCaller = callerAs(t.db, await authenticateApiKey(t.db, unbound.plaintext));
    expect((await unboundCaller.advertisers.list({})).items.map((a) => a.id)).toEqual(expect.arrayContaining([acmeId, globexId]));
  });
});
