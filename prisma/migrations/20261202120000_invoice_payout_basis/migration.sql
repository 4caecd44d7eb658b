-- What an invoice's partners are paid on (services/payouts/payout-basis.ts), written with the draft: drafting a
-- month's payout statements reads it instead of pricing the month or reading every billed conversion again. Drafts
-- written before it have none (null): their payouts are priced on the spot, as for a contract without an invoice.
ALTER TABLE "invoice" ADD COLUMN "payout_basis" JSONB;

-- …and it is frozen with the rest of an issued invoice.
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
    OR NEW.issued_by_id IS DISTINCT FROM OLD.issued_by_id OR NEW.payout_basis IS DISTINCT FROM OLD.payout_basis
  ) THEN
    RAISE EXCEPTION 'invoice % is issued: it cannot change', COALESCE(OLD.number, OLD.id::text);
  END IF;
  IF OLD.status IN ('PAID', 'VOID', 'UNCOLLECTIBLE') AND NEW.status <> OLD.status THEN
    RAISE EXCEPTION 'invoice % is %: its status is final', COALESCE(OLD.number, OLD.id::text), OLD.status;
  END IF;
  RETURN NEW;
END $$;
