-- Billed conversions are a month's largest write (200,000 rows for 10,000 contracts). Their foreign key checked its
-- invoice once per row (~40 % of the insert); a statement-level trigger now checks once per statement that every
-- invoice the statement's rows name exists and is a draft, which also freezes an issued invoice's billed conversions
-- (the foreign key never did). Deleting a draft still deletes its billed conversions (the cascade, now a trigger).
ALTER TABLE "invoice_conversion" DROP CONSTRAINT "invoice_conversion_invoice_id_fkey";

CREATE FUNCTION "invoice_conversions_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- (Each branch names only the transition tables its trigger has: a statement naming another would not parse.)
  -- Rows removed, or changed from: an invoice still there must be a draft (a deleted draft's rows go with it).
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    IF EXISTS (SELECT 1 FROM invoice WHERE status <> 'DRAFT' AND id = ANY(ARRAY(SELECT DISTINCT invoice_id FROM old_rows))) THEN
      RAISE EXCEPTION 'the billed conversions of an issued invoice cannot change';
    END IF;
  END IF;
  -- Rows added, or changed into: their invoice must exist and be a draft.
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    IF EXISTS (
      SELECT 1 FROM unnest(ARRAY(SELECT DISTINCT invoice_id FROM new_rows)) AS n(id)
      WHERE NOT EXISTS (SELECT 1 FROM invoice i WHERE i.id = n.id AND i.status = 'DRAFT')
    ) THEN
      RAISE EXCEPTION 'billed conversions belong to a draft invoice: the invoice is issued or does not exist';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "invoice_conversion_inserts_checked" AFTER INSERT ON "invoice_conversion"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoice_conversions_guard"();
CREATE TRIGGER "invoice_conversion_deletes_checked" AFTER DELETE ON "invoice_conversion"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoice_conversions_guard"();
CREATE TRIGGER "invoice_conversion_updates_checked" AFTER UPDATE ON "invoice_conversion"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "invoice_conversions_guard"();

CREATE FUNCTION "invoice_conversions_deleted_with_draft"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM invoice_conversion WHERE invoice_id = ANY(ARRAY(SELECT id FROM deleted_invoices));
  RETURN NULL;
END $$;
CREATE TRIGGER "invoice_deletes_take_billed_conversions" AFTER DELETE ON "invoice"
  REFERENCING OLD TABLE AS deleted_invoices FOR EACH STATEMENT EXECUTE FUNCTION "invoice_conversions_deleted_with_draft"();
