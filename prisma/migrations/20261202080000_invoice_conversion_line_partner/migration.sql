-- A billed conversion keeps the CPA line and partner it was billed under, so that a month's payouts tally them per
-- partner and line from invoice_conversion alone. Existing rows take them from their conversion.
ALTER TABLE "invoice_conversion" ADD COLUMN "line_key" TEXT, ADD COLUMN "partner_key" TEXT;

UPDATE "invoice_conversion" ic SET "line_key" = c."line_key", "partner_key" = c."partner_key"
FROM "conversion" c WHERE c."id" = ic."conversion_id";

ALTER TABLE "invoice_conversion" ALTER COLUMN "line_key" SET NOT NULL;
