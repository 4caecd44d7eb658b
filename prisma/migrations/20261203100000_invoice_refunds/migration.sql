-- Money sent back to an advertiser who paid more than an invoice now asks (a credit note on a paid invoice): each
-- refund recorded by finance, never more than the overpayment; the invoice keeps their sum.
ALTER TABLE "invoice" ADD COLUMN "refunded" DECIMAL(20,6) NOT NULL DEFAULT 0;
ALTER TABLE "invoice" ADD CONSTRAINT "invoice_refunded_within_paid" CHECK ("refunded" >= 0 AND "refunded" <= "paid");

CREATE TABLE "invoice_refund" (
    "id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "amount" DECIMAL(20,6) NOT NULL,
    "paid_on" DATE NOT NULL,
    "reference" TEXT NOT NULL,
    "recorded_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "invoice_refund_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "invoice_refund_amount_positive" CHECK ("amount" > 0)
);
CREATE INDEX "invoice_refund_invoice_id_idx" ON "invoice_refund"("invoice_id");
ALTER TABLE "invoice_refund" ADD CONSTRAINT "invoice_refund_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "invoice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
