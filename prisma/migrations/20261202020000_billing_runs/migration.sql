-- CreateEnum
CREATE TYPE "BillingRunStatus" AS ENUM ('RUNNING', 'DONE');

-- CreateEnum
CREATE TYPE "BillingRunItemStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('DRAFT', 'ISSUED', 'PARTIALLY_PAID', 'PAID', 'VOID', 'UNCOLLECTIBLE');

-- CreateTable
CREATE TABLE "billing_run" (
    "id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "status" "BillingRunStatus" NOT NULL DEFAULT 'RUNNING',
    "scope" JSONB NOT NULL,
    "started_by_id" UUID,
    "started_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "billing_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "billing_run_item" (
    "id" UUID NOT NULL,
    "run_id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "status" "BillingRunItemStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "invoice_id" UUID,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_run_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "advertiser_id" UUID NOT NULL,
    "period" TEXT NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'DRAFT',
    "number" TEXT,
    "currency" CHAR(3) NOT NULL,
    "total" DECIMAL(20,6) NOT NULL,
    "flags" JSONB NOT NULL,
    "run_id" UUID,
    "drafted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "issued_at" TIMESTAMPTZ(3),
    "due_date" DATE,

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invoice_line" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "line_key" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unrounded" TEXT NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,
    "trace" JSONB NOT NULL,

    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "billing_run_period_created_at_idx" ON "billing_run"("period", "created_at");

-- CreateIndex
CREATE INDEX "billing_run_item_run_id_status_idx" ON "billing_run_item"("run_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "billing_run_item_run_id_contract_id_key" ON "billing_run_item"("run_id", "contract_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_number_key" ON "invoice"("number");

-- CreateIndex
CREATE INDEX "invoice_advertiser_id_period_idx" ON "invoice"("advertiser_id", "period");

-- CreateIndex
CREATE INDEX "invoice_period_status_idx" ON "invoice"("period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_line_invoice_id_key_key" ON "invoice_line"("invoice_id", "key");

-- AddForeignKey
ALTER TABLE "billing_run_item" ADD CONSTRAINT "billing_run_item_run_id_fkey" FOREIGN KEY ("run_id") REFERENCES "billing_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invoice_line" ADD CONSTRAINT "invoice_line_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One open invoice per contract and period: a billing run replaces its draft, never adds a second one. A voided
-- invoice steps aside (its number stays used) so the period can be billed again.
CREATE UNIQUE INDEX "invoice_one_per_contract_period" ON "invoice"("contract_id", "period") WHERE "status" <> 'VOID';

-- Issued invoices are refused any change by the database itself, not only by the application: amounts, parties,
-- number and lines are frozen; only the status may move on (paid, partially paid, void, uncollectible), and a
-- draft is the only invoice that may be deleted.
CREATE FUNCTION "invoice_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN RAISE EXCEPTION 'invoice % is %: it cannot be deleted', COALESCE(OLD.number, OLD.id::text), OLD.status; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'DRAFT' AND (
    NEW.total <> OLD.total OR NEW.currency <> OLD.currency OR NEW.contract_id <> OLD.contract_id OR NEW.advertiser_id <> OLD.advertiser_id
    OR NEW.period <> OLD.period OR NEW.number IS DISTINCT FROM OLD.number OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
    OR NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.flags IS DISTINCT FROM OLD.flags OR NEW.status = 'DRAFT'
  ) THEN
    RAISE EXCEPTION 'invoice % is issued: it cannot change', COALESCE(OLD.number, OLD.id::text);
  END IF;
  IF OLD.status IN ('PAID', 'VOID', 'UNCOLLECTIBLE') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'invoice % is %: its status is final', COALESCE(OLD.number, OLD.id::text), OLD.status;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "invoice_frozen_once_issued" BEFORE UPDATE OR DELETE ON "invoice"
  FOR EACH ROW EXECUTE FUNCTION "invoice_guard"();

CREATE FUNCTION "invoice_line_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  invoice_status "InvoiceStatus";
BEGIN
  SELECT status INTO invoice_status FROM invoice WHERE id = COALESCE(NEW.invoice_id, OLD.invoice_id);
  -- A cascade from deleting a draft finds no invoice row any more.
  IF invoice_status IS NOT NULL AND invoice_status <> 'DRAFT' THEN
    RAISE EXCEPTION 'the lines of an issued invoice cannot change';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER "invoice_line_frozen_once_issued" BEFORE INSERT OR UPDATE OR DELETE ON "invoice_line"
  FOR EACH ROW EXECUTE FUNCTION "invoice_line_guard"();
