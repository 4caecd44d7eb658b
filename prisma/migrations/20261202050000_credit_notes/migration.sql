-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "credited" DECIMAL(20,6) NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "credit_note" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,
    "reason_code" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "issued_by_id" UUID,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "credit_note_number_key" ON "credit_note"("number");

-- CreateIndex
CREATE INDEX "credit_note_invoice_id_idx" ON "credit_note"("invoice_id");

-- AddForeignKey
ALTER TABLE "credit_note" ADD CONSTRAINT "credit_note_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Credit notes never exceed what they credit, are positive, and are never edited or deleted.
ALTER TABLE "credit_note" ADD CONSTRAINT "credit_note_positive" CHECK ("amount" > 0);
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_credited_within_total" CHECK ("credited" >= 0 AND "credited" <= GREATEST("total", 0));
CREATE FUNCTION "credit_note_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'credit notes cannot be changed or deleted';
END $$;
CREATE TRIGGER "credit_note_append_only" BEFORE UPDATE OR DELETE ON "credit_note"
  FOR EACH ROW EXECUTE FUNCTION "credit_note_refuse_change"();
