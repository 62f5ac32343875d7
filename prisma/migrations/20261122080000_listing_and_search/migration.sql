-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- DropIndex
DROP INDEX "jobs_finished_at_idx";

-- AlterTable
ALTER TABLE "jobs" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "jobs_created_at_id_idx" ON "jobs"("created_at", "id");

-- CreateIndex
CREATE INDEX "jobs_updated_at_id_idx" ON "jobs"("updated_at", "id");

-- CreateIndex
CREATE INDEX "jobs_finished_at_id_idx" ON "jobs"("finished_at", "id");

-- CreateIndex
CREATE INDEX "jobs_priority_id_idx" ON "jobs"("priority", "id");

-- CreateIndex
CREATE INDEX "jobs_search_text_idx" ON "jobs" USING GIN ("search_text" gin_trgm_ops);


-- Backfill the search text of existing jobs (new ones get it from the API).
UPDATE "jobs" SET "search_text" = lower("type" || ' ' || coalesce((SELECT string_agg(key || ' ' || value, ' ') FROM jsonb_each_text("metadata")), ''));
