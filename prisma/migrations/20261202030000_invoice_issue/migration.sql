-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "issued_by_id" UUID;

-- CreateTable
CREATE TABLE "invoice_conversion" (
    "invoice_id" UUID NOT NULL,
    "conversion_id" UUID NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,

    CONSTRAINT "invoice_conversion_pkey" PRIMARY KEY ("invoice_id","conversion_id")
);

-- CreateTable
CREATE TABLE "document_number_sequence" (
    "kind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "document_number_sequence_pkey" PRIMARY KEY ("kind","year")
);

-- AddForeignKey
ALTER TABLE "invoice_conversion" ADD CONSTRAINT "invoice_conversion_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Who issued an invoice is frozen with the rest of it.
CREATE OR REPLACE FUNCTION "invoice_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'DRAFT' THEN RAISE EXCEPTION 'invoice % is %: it cannot be deleted', COALESCE(OLD.number, OLD.id::text), OLD.status; END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'DRAFT' AND (
    NEW.total <> OLD.total OR NEW.currency <> OLD.currency OR NEW.contract_id <> OLD.contract_id OR NEW.advertiser_id <> OLD.advertiser_id
    OR NEW.period <> OLD.period OR NEW.number IS DISTINCT FROM OLD.number OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
    OR NEW.due_date IS DISTINCT FROM OLD.due_date OR NEW.flags IS DISTINCT FROM OLD.flags OR NEW.status = 'DRAFT'
    OR NEW.issued_by_id IS DISTINCT FROM OLD.issued_by_id
  ) THEN
    RAISE EXCEPTION 'invoice % is issued: it cannot change', COALESCE(OLD.number, OLD.id::text);
  END IF;
  IF OLD.status IN ('PAID', 'VOID', 'UNCOLLECTIBLE') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'invoice % is %: its status is final', COALESCE(OLD.number, OLD.id::text), OLD.status;
  END IF;
  RETURN NEW;
END $$;
