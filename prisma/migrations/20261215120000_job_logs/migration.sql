-- The lines each job's handler logged (the worker writes them in batches), removed with the job.
-- CreateTable
CREATE TABLE "job_logs" (
    "job_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "level" VARCHAR(8) NOT NULL,
    "logged_at" TIMESTAMPTZ(3) NOT NULL,
    "message" TEXT NOT NULL,
    "fields" JSONB,
    "bytes_total" INTEGER NOT NULL,
    "truncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "job_logs_pkey" PRIMARY KEY ("job_id","seq")
);

-- AddForeignKey
ALTER TABLE "job_logs" ADD CONSTRAINT "job_logs_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;
