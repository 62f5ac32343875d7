-- The job row's indexes, each kept for a read the API or the worker makes (BENCHMARKS.md, "Indexes,
-- fillfactor and autovacuum"): every index costs an entry per inserted row and per non-HOT update,
-- and claim and completion are non-HOT (they change `status`, which the statistics and the
-- recovery of lost jobs need indexed). Fourteen indexes become ten.

-- Nothing reads jobs by result_id (a result is found by its own id, its job through results.job_id).
DROP INDEX "jobs_result_id_key";

-- Counts by type and status come from the listing indexes, which now carry type and status (and the
-- organisation, for a member's own jobs outside it): still index-only, one index fewer each.
DROP INDEX "jobs_type_status_idx";
DROP INDEX "jobs_owner_id_org_id_type_status_idx";
DROP INDEX "jobs_org_id_type_status_idx";

DROP INDEX "jobs_owner_id_created_at_id_idx";
CREATE INDEX "jobs_owner_id_created_at_id_idx" ON "jobs"("owner_id", "created_at" DESC, "id" DESC) INCLUDE ("org_id", "type", "status");

-- Only jobs of an organisation are listed or counted by it.
DROP INDEX "jobs_org_id_created_at_id_idx";
CREATE INDEX "jobs_org_id_created_at_id_idx" ON "jobs"("org_id", "created_at" DESC, "id" DESC) INCLUDE ("type", "status") WHERE "org_id" IS NOT NULL;

-- Admin-wide newest first, and `scope=all` counts by type and status.
DROP INDEX "jobs_created_at_id_idx";
CREATE INDEX "jobs_created_at_id_idx" ON "jobs"("created_at", "id") INCLUDE ("type", "status");

-- Only finished jobs are sorted or filtered by when they finished (unfinished ones are read by id).
DROP INDEX "jobs_finished_at_id_idx";
CREATE INDEX "jobs_finished_at_id_idx" ON "jobs"("finished_at", "id") WHERE "finished_at" IS NOT NULL;

-- The oldest runnable pending job (statistics) and running jobs whose queue entry failed
-- (reconcileLostJobs): only unfinished jobs, a small index however many jobs are kept.
DROP INDEX "jobs_status_run_at_idx";
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at") WHERE "status" IN ('PENDING', 'PROCESSING');

-- Only jobs submitted with an Idempotency-Key need the key checked.
DROP INDEX "jobs_owner_id_idempotency_key_key";
CREATE UNIQUE INDEX "jobs_owner_id_idempotency_key_key" ON "jobs"("owner_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL;
