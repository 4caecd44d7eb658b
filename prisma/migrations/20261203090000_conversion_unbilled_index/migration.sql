-- Drafting a month looks for its contracts' conversions of earlier months approved after their invoice and never
-- billed. Billed conversions leave this partial index, so the lookup reads only the few unbilled ones before the
-- month instead of every conversion of the contracts' history.
CREATE INDEX "conversion_unbilled_idx" ON "conversion" ("contract_id", "occurred_at") WHERE "billed_at" IS NULL AND "reversed_at" IS NULL;
