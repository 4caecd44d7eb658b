-- AlterTable
ALTER TABLE "invoice" ADD COLUMN     "uncollectible_reason" TEXT;
