-- CreateIndex
CREATE INDEX "invoice_contract_id_period_idx" ON "invoice"("contract_id", "period");

