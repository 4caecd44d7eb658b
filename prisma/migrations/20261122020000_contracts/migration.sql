-- CreateEnum
CREATE TYPE "ContractStatus" AS ENUM ('DRAFT', 'ACTIVE', 'TERMINATED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "ContractVersionKind" AS ENUM ('ORIGINAL', 'AMENDMENT', 'RENEWAL');

-- CreateEnum
CREATE TYPE "ContractVersionStatus" AS ENUM ('DRAFT', 'PENDING_APPROVAL', 'APPROVED', 'REJECTED');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('APPROVE', 'REJECT');

-- CreateTable
CREATE TABLE "contract" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "advertiser_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "term_start" DATE NOT NULL,
    "term_end" DATE NOT NULL,
    "payment_terms_days" INTEGER NOT NULL,
    "auto_renew" BOOLEAN NOT NULL,
    "renewal_months" INTEGER NOT NULL,
    "notice_days" INTEGER NOT NULL,
    "rounding_mode" TEXT NOT NULL DEFAULT 'HALF_UP',
    "status" "ContractStatus" NOT NULL DEFAULT 'DRAFT',
    "terminated_on" DATE,
    "termination_reason" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_number_sequence" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "contract_number_sequence_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "contract_version" (
    "id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" "ContractVersionKind" NOT NULL,
    "status" "ContractVersionStatus" NOT NULL DEFAULT 'DRAFT',
    "effective_from" DATE NOT NULL,
    "renews_term_to" DATE,
    "terms" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "reason" TEXT,
    "author_id" UUID,
    "committed_value" DECIMAL(20,6),
    "required_approvals" INTEGER NOT NULL DEFAULT 1,
    "submission_round" INTEGER NOT NULL DEFAULT 0,
    "submitted_at" TIMESTAMPTZ(3),
    "decided_at" TIMESTAMPTZ(3),
    "backdate_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "contract_approval" (
    "id" UUID NOT NULL,
    "version_id" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "approver_id" UUID NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_approval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "contract_number_key" ON "contract"("number");

-- CreateIndex
CREATE INDEX "contract_advertiser_id_status_idx" ON "contract"("advertiser_id", "status");

-- CreateIndex
CREATE INDEX "contract_status_term_end_idx" ON "contract"("status", "term_end");

-- CreateIndex
CREATE INDEX "contract_version_status_submitted_at_idx" ON "contract_version"("status", "submitted_at");

-- CreateIndex
CREATE UNIQUE INDEX "contract_version_contract_id_number_key" ON "contract_version"("contract_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "contract_approval_version_id_round_approver_id_key" ON "contract_approval"("version_id", "round", "approver_id");

-- CreateIndex
CREATE INDEX "notification_user_id_read_at_created_at_idx" ON "notification"("user_id", "read_at", "created_at");

-- AddForeignKey
ALTER TABLE "contract" ADD CONSTRAINT "contract_advertiser_id_fkey" FOREIGN KEY ("advertiser_id") REFERENCES "advertiser"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_approval" ADD CONSTRAINT "contract_approval_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "contract_version"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contract_approval" ADD CONSTRAINT "contract_approval_approver_id_fkey" FOREIGN KEY ("approver_id") REFERENCES "app_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: rules the schema language cannot say.

-- At most one open (draft, pending or rejected-being-revised) version per contract: amendments queue, never race.
CREATE UNIQUE INDEX "contract_version_one_open_per_contract"
  ON "contract_version" ("contract_id") WHERE "status" IN ('DRAFT', 'PENDING_APPROVAL', 'REJECTED');

ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_renewal_term_check"
  CHECK (("kind" = 'RENEWAL') = ("renews_term_to" IS NOT NULL));
ALTER TABLE "contract_version" ADD CONSTRAINT "contract_version_required_approvals_check"
  CHECK ("required_approvals" BETWEEN 1 AND 2);
ALTER TABLE "contract" ADD CONSTRAINT "contract_term_check" CHECK ("term_end" >= "term_start");
ALTER TABLE "contract" ADD CONSTRAINT "contract_number_format_check" CHECK ("number" ~ '^C-[0-9]{4}-[0-9]{4,}$');

-- Versions are immutable once submitted: the database refuses to change what a submitted version says, and
-- refuses any change at all to an approved one (beyond nothing). Only drafts may be deleted.
CREATE FUNCTION "contract_version_guard"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'DRAFT' THEN
      RAISE EXCEPTION 'contract_version %: only drafts can be deleted', OLD."id" USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'APPROVED' THEN
    RAISE EXCEPTION 'contract_version %: approved versions are immutable', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  IF OLD."status" = 'PENDING_APPROVAL' AND (NEW."terms" IS DISTINCT FROM OLD."terms" OR NEW."kind" IS DISTINCT FROM OLD."kind"
      OR NEW."renews_term_to" IS DISTINCT FROM OLD."renews_term_to" OR NEW."contract_id" IS DISTINCT FROM OLD."contract_id"
      OR NEW."number" IS DISTINCT FROM OLD."number" OR NEW."author_id" IS DISTINCT FROM OLD."author_id") THEN
    RAISE EXCEPTION 'contract_version %: submitted terms are immutable', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "contract_version_immutable" BEFORE UPDATE OR DELETE ON "contract_version"
  FOR EACH ROW EXECUTE FUNCTION "contract_version_guard"();
