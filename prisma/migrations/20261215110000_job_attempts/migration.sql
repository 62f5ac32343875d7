-- Worker processes and the attempts they run. A worker registers through the session it keeps open
-- for as long as it lives (its cancellation listener), so whether it is alive can be read from
-- PostgreSQL itself: its session is in pg_stat_activity (same pid, same backend start) or it is not.
-- Each claim of a job opens an attempt row in the claim's own statement; the statement that ends the
-- attempt (completion, failure, cancellation, a lost worker) closes it. Attempts go with their job.

-- CreateTable
CREATE TABLE "workers" (
    "id" UUID NOT NULL,
    "host" VARCHAR(255) NOT NULL,
    "pid" INTEGER NOT NULL,
    "backend_pid" INTEGER NOT NULL,
    "backend_started_at" TIMESTAMPTZ(6) NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stopped_at" TIMESTAMPTZ(3),

    CONSTRAINT "workers_pkey" PRIMARY KEY ("id")
);

-- The registered workers not known to have stopped: the dead-worker sweep reads only these.
-- CreateIndex
CREATE INDEX "workers_stopped_at_idx" ON "workers"("stopped_at") WHERE stopped_at IS NULL;

-- CreateTable
CREATE TABLE "job_attempts" (
    "job_id" UUID NOT NULL,
    "queue_job_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "worker_id" UUID,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" VARCHAR(20),
    "error_code" VARCHAR(100),
    "error_message" TEXT,

    CONSTRAINT "job_attempts_pkey" PRIMARY KEY ("job_id","queue_job_id","number")
);

-- No index beyond the key: the statement that closes an attempt changes no indexed column, so the
-- update can stay on the row's page (HOT), which the free room left on each page makes likely. The
-- sweep finds a dead worker's attempts from the running jobs (`jobs (status, run_at)`).
ALTER TABLE "job_attempts" SET (fillfactor = 80);

-- AddForeignKey
ALTER TABLE "job_attempts" ADD CONSTRAINT "job_attempts_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
