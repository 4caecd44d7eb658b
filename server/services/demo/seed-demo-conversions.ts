// Demo conversions: Globex's app-install line gets a fortnight of reported installs and purchases through the same
// ingestion service as the API — most attributed and eligible, some not (a view outside its window, a country the
// line does not buy, a returning customer, a repeated order), so the conversions page shows verdicts and reasons.
import { systemActor, type RequestContext } from "../../auth/actor";
import type { Db } from "../../db/client";
import { addDays, todayIso } from "../../domain/contracts/dates";
import { findContractsWithTerms } from "../contracts/contract-terms-in-force";
import { ingestConversions } from "../conversions/ingest-conversions";

const COUNTRIES = ["DE", "FR", "NL", "DE", "FR", "DE", "BE"];

export async function seedDemoConversions(db: Db) {
  const ctx: RequestContext = { actor: systemActor("demo attribution feed"), source: "CLI", requestId: "seed-demo-conversions" };
  const [globex] = (await findContractsWithTerms(db, ctx.actor, { status: "ACTIVE" })).filter((c) => c.versions.some((v) => v.terms.cpaLines.some((l) => l.key === "app-installs")));
  if (!globex) return;
  const today = todayIso();
  const rows = Array.from({ length: 42 }, (_, i) => {
    const day = addDays(today, -14 + Math.floor(i / 3));
    const purchase = i % 4 === 0;
    const at = `${day}T${String(8 + (i % 12)).padStart(2, "0")}:15:00Z`;
    const exposure = i % 9 === 5 ? { kind: "view", at: `${addDays(day, -3)}T10:00:00Z` } : { kind: i % 2 ? "click" : "view", at: `${day}T07:30:00Z` };
    return {
      externalId: `gx-${1000 + i}`,
      occurredAt: at,
      type: purchase ? "purchase" : "app_install",
      contract: globex.number,
      line: "app-installs",
      ...(purchase ? { value: (24.5 + i).toFixed(2), currency: globex.currency } : {}),
      geography: COUNTRIES[i % COUNTRIES.length],
      newCustomer: i % 10 !== 7,
      partner: i % 3 === 0 ? "affiliate-one" : "streamhub",
      dedupeKey: purchase ? `order-${Math.floor(i / 8)}` : null,
      exposures: [exposure],
    };
  });
  await ingestConversions(db, ctx, { idempotencyKey: `demo-${globex.number}-conversions`, rows }, "SYSTEM");
}
