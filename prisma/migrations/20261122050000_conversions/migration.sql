-- CreateEnum
CREATE TYPE "ConversionEligibility" AS ENUM ('ELIGIBLE', 'INELIGIBLE');

-- CreateEnum
CREATE TYPE "ConversionReview" AS ENUM ('PENDING', 'APPROVED', 'REJECTED');

-- Hand-written (Prisma would drop and recreate): delivery batches become the ingestion batches of every kind,
-- keeping their rows; idempotency keys are now unique per kind and sender.
ALTER TABLE "delivery_batch" RENAME TO "ingest_batch";
ALTER TABLE "ingest_batch" RENAME CONSTRAINT "delivery_batch_pkey" TO "ingest_batch_pkey";
ALTER TRIGGER "delivery_batch_append_only" ON "ingest_batch" RENAME TO "ingest_batch_append_only";
ALTER TABLE "ingest_batch" ADD COLUMN "kind" TEXT NOT NULL DEFAULT 'DELIVERY';
DROP INDEX "delivery_batch_created_at_idx";
DROP INDEX "delivery_batch_client_id_idempotency_key_key";

-- CreateTable
CREATE TABLE "conversion" (
    "id" UUID NOT NULL,
    "advertiser_id" UUID NOT NULL,
    "external_id" TEXT NOT NULL,
    "contract_id" UUID NOT NULL,
    "line_key" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "value" DECIMAL(20,6),
    "currency" CHAR(3),
    "geography" CHAR(2),
    "new_customer" BOOLEAN,
    "partner_key" TEXT,
    "dedupe_key" TEXT,
    "exposures" JSONB NOT NULL,
    "eligibility" "ConversionEligibility" NOT NULL,
    "reason_code" TEXT,
    "reason" TEXT,
    "attributed_exposure_at" TIMESTAMPTZ(3),
    "review" "ConversionReview" NOT NULL DEFAULT 'PENDING',
    "review_reason" TEXT,
    "reviewed_by_id" UUID,
    "reviewed_at" TIMESTAMPTZ(3),
    "billed_at" TIMESTAMPTZ(3),
    "batch_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ingest_batch_kind_created_at_idx" ON "ingest_batch"("kind", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_batch_kind_client_id_idempotency_key_key" ON "ingest_batch"("kind", "client_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "conversion_contract_id_line_key_occurred_at_idx" ON "conversion"("contract_id", "line_key", "occurred_at");

-- CreateIndex
CREATE INDEX "conversion_review_eligibility_occurred_at_idx" ON "conversion"("review", "eligibility", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "conversion_advertiser_id_external_id_key" ON "conversion"("advertiser_id", "external_id");

