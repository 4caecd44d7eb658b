-- CreateTable
CREATE TABLE "rate_card" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_card_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_card_version" (
    "id" UUID NOT NULL,
    "rate_card_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "entries" JSONB NOT NULL,
    "note" TEXT,
    "created_by_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rate_card_version_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "rate_card_name_key" ON "rate_card"("name");

-- CreateIndex
CREATE INDEX "rate_card_version_rate_card_id_effective_from_idx" ON "rate_card_version"("rate_card_id", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "rate_card_version_rate_card_id_number_key" ON "rate_card_version"("rate_card_id", "number");

-- AddForeignKey
ALTER TABLE "rate_card_version" ADD CONSTRAINT "rate_card_version_rate_card_id_fkey" FOREIGN KEY ("rate_card_id") REFERENCES "rate_card"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Hand-written: a published rate card version is never changed or removed (contracts priced from it must stay
-- explainable); editing a rate card publishes a new version.
CREATE FUNCTION "rate_card_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rate_card_version is immutable: % refused', TG_OP USING ERRCODE = 'check_violation';
END;
$$;
CREATE TRIGGER "rate_card_version_no_change" BEFORE UPDATE OR DELETE ON "rate_card_version"
  FOR EACH ROW EXECUTE FUNCTION "rate_card_version_immutable"();
