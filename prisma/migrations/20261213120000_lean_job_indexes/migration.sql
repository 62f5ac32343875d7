-- The job row's indexes, each kept for a read the API or the worker makes (BENCHMARKS.md, "Indexes,
-- fillfactor and autovacuum"): every index costs an entry per inserted row and per non-HOT update,
-- and claim and completion are non-HOT (they change `status`, which recovery of lost jobs needs
-- indexed, and `updated_at`, which the admin sort needs).

-- Nothing reads jobs by result_id (a result is found by its own id, its job through results.job_id).
DROP INDEX "jobs_result_id_key";

-- Statistics count from maintained counters (migration 20261214120000_job_counts), not from these.
DROP INDEX "jobs_type_status_idx";
DROP INDEX "jobs_owner_id_org_id_type_status_idx";
DROP INDEX "jobs_org_id_type_status_idx";

-- Only jobs of an organisation are listed by it.
DROP INDEX "jobs_org_id_created_at_id_idx";
CREATE INDEX "jobs_org_id_created_at_id_idx" ON "jobs"("org_id", "created_at" DESC, "id" DESC) WHERE "org_id" IS NOT NULL;

-- Only finished jobs are sorted or filtered by when they finished (unfinished ones are read by id).
DROP INDEX "jobs_finished_at_id_idx";
CREATE INDEX "jobs_finished_at_id_idx" ON "jobs"("finished_at", "id") WHERE "finished_at" IS NOT NULL;

-- A scope's jobs finished in a window (the statistics' last-day durations, the timeline's finished
-- counts): the owner's and the organisation's own range, not everybody's. Entries are added only
-- when a job finishes.
CREATE INDEX "jobs_owner_id_finished_at_idx" ON "jobs"("owner_id", "finished_at") WHERE "finished_at" IS NOT NULL;
CREATE INDEX "jobs_org_id_finished_at_idx" ON "jobs"("org_id", "finished_at") WHERE "org_id" IS NOT NULL AND "finished_at" IS NOT NULL;

-- The oldest runnable pending job (statistics) and running jobs whose queue entry failed
-- (reconcileLostJobs): only unfinished jobs, a small index however many jobs are kept.
DROP INDEX "jobs_status_run_at_idx";
CREATE INDEX "jobs_status_run_at_idx" ON "jobs"("status", "run_at") WHERE "status" IN ('PENDING', 'PROCESSING');

-- Only jobs submitted with an Idempotency-Key need the key checked.
DROP INDEX "jobs_owner_id_idempotency_key_key";
CREATE UNIQUE INDEX "jobs_owner_id_idempotency_key_key" ON "jobs"("owner_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL;
