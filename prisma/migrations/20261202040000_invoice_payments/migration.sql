-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "paid" DECIMAL(20,6) NOT NULL DEFAULT 0,
ADD COLUMN     "void_reason" TEXT;

-- CreateTable
CREATE TABLE "invoice_payment" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,
    "received_on" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "invoice_payment_invoice_id_idx" ON "invoice_payment"("invoice_id");

-- AddForeignKey
ALTER TABLE "invoice_payment" ADD CONSTRAINT "invoice_payment_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Money rules the database keeps: a payment is positive, an invoice is never paid beyond its total, and recorded
-- payments are never edited or deleted (a refund will be its own record).
ALTER TABLE "invoice_payment" ADD CONSTRAINT "invoice_payment_positive" CHECK ("amount" > 0);
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_paid_within_total" CHECK ("paid" >= 0 AND "paid" <= GREATEST("total", 0));

CREATE FUNCTION "invoice_payment_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'recorded payments cannot be changed or deleted';
END $$;
CREATE TRIGGER "invoice_payment_append_only" BEFORE UPDATE OR DELETE ON "invoice_payment"
  FOR EACH ROW EXECUTE FUNCTION "invoice_payment_refuse_change"();
