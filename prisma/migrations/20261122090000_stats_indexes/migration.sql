-- DropIndex
DROP INDEX "jobs_status_created_at_idx";

-- DropIndex
DROP INDEX "jobs_type_created_at_idx";

-- CreateIndex
CREATE INDEX "jobs_type_status_idx" ON "jobs"("type", "status");

-- CreateIndex
CREATE INDEX "jobs_owner_id_org_id_type_status_idx" ON "jobs"("owner_id", "org_id", "type", "status");

-- CreateIndex
CREATE INDEX "jobs_org_id_type_status_idx" ON "jobs"("org_id", "type", "status");

-- CreateIndex
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at");

