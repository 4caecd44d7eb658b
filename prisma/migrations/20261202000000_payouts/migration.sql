-- CreateEnum
CREATE TYPE "PayoutStatus" AS ENUM ('DRAFT', 'APPROVED', 'PAID');

-- AlterEnum
ALTER TYPE "ConversionEligibility" ADD VALUE 'OVER_CAP';

-- AlterTable
ALTER TABLE "conversion" ADD COLUMN     "billed_amount" DECIMAL(20,6),
ADD COLUMN     "billed_period" TEXT,
ADD COLUMN     "credited_period" TEXT,
ADD COLUMN     "payout" DECIMAL(20,6),
ADD COLUMN     "reversal_reason" TEXT,
ADD COLUMN     "reversed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reversed_by_id" UUID;

-- CreateTable
CREATE TABLE "partner" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "default_payout" JSONB,
    "email" TEXT,
    "payment_details" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "partner_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_statement" (
    "id" UUID NOT NULL,
    "partner_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "status" "PayoutStatus" NOT NULL DEFAULT 'DRAFT',
    "total" DECIMAL(20,6) NOT NULL,
    "revenue" DECIMAL(20,6) NOT NULL,
    "drafted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "approved_by_id" UUID,
    "approved_at" TIMESTAMPTZ(3),
    "paid_by_id" UUID,
    "paid_at" TIMESTAMPTZ(3),
    "paid_reference" TEXT,

    CONSTRAINT "payout_statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "payout_statement_line" (
    "id" UUID NOT NULL,
    "statement_id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "line_key" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "revenue" DECIMAL(20,6) NOT NULL,
    "unrounded" TEXT NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,
    "trace" JSONB NOT NULL,

    CONSTRAINT "payout_statement_line_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "partner_key_key" ON "partner"("key");

-- CreateIndex
CREATE INDEX "payout_statement_period_status_idx" ON "payout_statement"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "payout_statement_partner_id_period_currency_key" ON "payout_statement"("partner_id", "period", "currency");

-- CreateIndex
CREATE INDEX "payout_statement_line_contract_id_idx" ON "payout_statement_line"("contract_id");

-- CreateIndex
CREATE UNIQUE INDEX "payout_statement_line_statement_id_contract_id_key_key" ON "payout_statement_line"("statement_id", "contract_id", "key");

-- CreateIndex
CREATE INDEX "conversion_partner_key_occurred_at_idx" ON "conversion"("partner_key", "occurred_at");

-- AddForeignKey
ALTER TABLE "payout_statement" ADD CONSTRAINT "payout_statement_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "partner"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "payout_statement_line" ADD CONSTRAINT "payout_statement_line_statement_id_fkey" FOREIGN KEY ("statement_id") REFERENCES "payout_statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Approved and paid statements are frozen by the database itself, not only by the application: their lines cannot
-- change, and the statement may only move APPROVED → PAID (recording who, when and the reference).
CREATE FUNCTION "payout_statement_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN RAISE EXCEPTION 'payout statement % is %: it cannot be deleted', OLD.id, OLD.status; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'PAID' THEN RAISE EXCEPTION 'payout statement % is paid: it cannot change', OLD.id; END IF;
  IF OLD.status = 'APPROVED' AND NOT (
    NEW.status = 'PAID' AND NEW.total = OLD.total AND NEW.revenue = OLD.revenue AND NEW.period = OLD.period
    AND NEW.partner_id = OLD.partner_id AND NEW.currency = OLD.currency AND NEW.approved_at IS NOT DISTINCT FROM OLD.approved_at
  ) THEN
    RAISE EXCEPTION 'payout statement % is approved: it can only be marked paid', OLD.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "payout_statement_frozen" BEFORE UPDATE OR DELETE ON "payout_statement"
  FOR EACH ROW EXECUTE FUNCTION "payout_statement_guard"();

CREATE FUNCTION "payout_statement_line_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  statement_status "PayoutStatus";
BEGIN
  SELECT status INTO statement_status FROM payout_statement WHERE id = COALESCE(NEW.statement_id, OLD.statement_id);
  -- A cascade from deleting a draft statement finds no statement row any more.
  IF statement_status IS NOT NULL AND statement_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'payout statement % is %: its lines cannot change', COALESCE(NEW.statement_id, OLD.statement_id), statement_status;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "payout_statement_line_frozen" BEFORE INSERT OR UPDATE OR DELETE ON "payout_statement_line"
  FOR EACH ROW EXECUTE FUNCTION "payout_statement_line_guard"();
