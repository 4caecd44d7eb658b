-- CreateEnum
CREATE TYPE "DeliverySource" AS ENUM ('FIRST_PARTY', 'THIRD_PARTY');

-- CreateTable
CREATE TABLE "delivery_batch" (
    "id" UUID NOT NULL,
    "client_id" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "content_hash" TEXT NOT NULL,
    "actor_label" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "corrections" INTEGER NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_record" (
    "id" BIGSERIAL NOT NULL,
    "contract_id" UUID NOT NULL,
    "advertiser_id" UUID NOT NULL,
    "line_key" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "source" "DeliverySource" NOT NULL,
    "impressions" BIGINT NOT NULL,
    "batch_id" UUID NOT NULL,
    "supersedes_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "delivery_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delivery_batch_created_at_idx" ON "delivery_batch"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_batch_client_id_idempotency_key_key" ON "delivery_batch"("client_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "delivery_record_contract_id_line_key_day_source_id_idx" ON "delivery_record"("contract_id", "line_key", "day", "source", "id");

-- Hand-written: delivery is append-only. A correction is a newer record for the same key, so what was billed
-- from an earlier count can always be explained; batches are the idempotency record and never change either.
ALTER TABLE "delivery_record" ADD CONSTRAINT "delivery_record_impressions_non_negative" CHECK ("impressions" >= 0);
CREATE FUNCTION "delivery_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "delivery_record_append_only" BEFORE UPDATE OR DELETE ON "delivery_record"
  FOR EACH ROW EXECUTE FUNCTION "delivery_append_only"();
CREATE TRIGGER "delivery_batch_append_only" BEFORE UPDATE OR DELETE ON "delivery_batch"
  FOR EACH ROW EXECUTE FUNCTION "delivery_append_only"();
