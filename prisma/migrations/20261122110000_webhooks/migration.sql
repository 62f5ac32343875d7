-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "webhook_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "webhook_delivered_at" TIMESTAMPTZ(3),
ADD COLUMN     "webhook_error" TEXT,
ADD COLUMN     "webhook_secret" VARCHAR(256),
ADD COLUMN     "webhook_url" VARCHAR(2048);

