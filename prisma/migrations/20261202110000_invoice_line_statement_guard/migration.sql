-- The lines of an issued invoice stay refused any change by the database, now checked once per statement instead
-- of once per row: a billing run writes a batch's few hundred lines in one statement, and a PL/pgSQL call per line
-- was a quarter of that statement's cost. The statement's lines (transition tables) name their invoices; any of them
-- not a draft refuses the whole statement. A cascade from deleting a draft finds no invoice row any more: allowed.
DROP TRIGGER "invoice_line_frozen_once_issued" ON "invoice_line";
DROP FUNCTION "invoice_line_guard"();

CREATE FUNCTION "invoice_lines_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- id = ANY(array) keeps the lookup on the invoice key whatever the table's size when the plan was made.
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM invoice WHERE status <> 'DRAFT' AND id = ANY(ARRAY(SELECT invoice_id FROM old_lines UNION SELECT invoice_id FROM new_lines))) THEN
      RAISE EXCEPTION 'the lines of an issued invoice cannot change';
    END IF;
  ELSIF EXISTS (SELECT 1 FROM invoice WHERE status <> 'DRAFT' AND id = ANY(ARRAY(SELECT DISTINCT invoice_id FROM changed_lines))) THEN
    RAISE EXCEPTION 'the lines of an issued invoice cannot change';
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "invoice_line_inserts_frozen_once_issued" AFTER INSERT ON "invoice_line"
  REFERENCING NEW TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_guard"();
CREATE TRIGGER "invoice_line_deletes_frozen_once_issued" AFTER DELETE ON "invoice_line"
  REFERENCING OLD TABLE AS changed_lines FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_guard"();
CREATE TRIGGER "invoice_line_updates_frozen_once_issued" AFTER UPDATE ON "invoice_line"
  REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION "invoice_lines_guard"();
