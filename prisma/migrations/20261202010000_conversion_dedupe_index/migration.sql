-- The dedupe lookup of conversion ingestion probes (contract, line, dedupe key) inside a time window per row;
-- without this index each probe read the contract line's whole history (`npm run bench:conversions`).
CREATE INDEX "conversion_dedupe_idx" ON "conversion"("contract_id", "line_key", "dedupe_key", "occurred_at");
