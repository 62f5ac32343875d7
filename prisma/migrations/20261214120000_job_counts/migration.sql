-- Counts of jobs by owner, organisation, type and status, kept by the statements that insert,
-- change and delete jobs (statement-level triggers: one upsert per statement, however many rows it
-- touches), so that statistics read a few thousand counters instead of counting ten million rows.
-- Each key is spread over 16 slots, one per backend (pg_backend_pid() % 16): concurrent statements
-- for the same owner and type mostly add to different rows instead of queueing on one.
-- `org_id` is '' for jobs in no organisation (a key column cannot be NULL; organisations are never '').

-- Writes are blocked while the counters are backfilled, so they start exact.
LOCK TABLE "jobs" IN SHARE ROW EXCLUSIVE MODE;

-- CreateTable
CREATE TABLE "job_counts" (
    "owner_id" VARCHAR(255) NOT NULL,
    "org_id" VARCHAR(255) NOT NULL,
    "type" VARCHAR(100) NOT NULL,
    "status" "JobStatus" NOT NULL,
    "slot" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "job_counts_pkey" PRIMARY KEY ("owner_id","org_id","type","status","slot")
);

-- CreateIndex
CREATE INDEX "job_counts_org_id_idx" ON "job_counts"("org_id");

-- Adds each statement's changes by key: +1 for every row after it, -1 for every row before it
-- (rows whose key did not change cancel out), in key order, so concurrent upserts lock in one order.
CREATE OR REPLACE FUNCTION "count_job_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "job_counts" AS c ("owner_id", "org_id", "type", "status", "slot", "count")
    SELECT owner_id, coalesce(org_id, ''), type, status, pg_backend_pid() % 16, count(*)
      FROM counted_new GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("owner_id", "org_id", "type", "status", "slot") DO UPDATE SET "count" = c."count" + excluded."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "job_counts" AS c ("owner_id", "org_id", "type", "status", "slot", "count")
    SELECT owner_id, coalesce(org_id, ''), type, status, pg_backend_pid() % 16, -count(*)
      FROM counted_old GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("owner_id", "org_id", "type", "status", "slot") DO UPDATE SET "count" = c."count" + excluded."count";
  ELSE
    INSERT INTO "job_counts" AS c ("owner_id", "org_id", "type", "status", "slot", "count")
    SELECT owner_id, org_id, type, status, pg_backend_pid() % 16, sum(delta)
      FROM (SELECT owner_id, coalesce(org_id, '') AS org_id, type, status, 1 AS delta FROM counted_new
            UNION ALL
            SELECT owner_id, coalesce(org_id, ''), type, status, -1 FROM counted_old) AS changes
     GROUP BY 1, 2, 3, 4 HAVING sum(delta) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT ("owner_id", "org_id", "type", "status", "slot") DO UPDATE SET "count" = c."count" + excluded."count";
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "jobs_count_inserts"
  AFTER INSERT ON "jobs"
  REFERENCING NEW TABLE AS counted_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION "count_job_changes"();

CREATE TRIGGER "jobs_count_updates"
  AFTER UPDATE ON "jobs"
  REFERENCING OLD TABLE AS counted_old NEW TABLE AS counted_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION "count_job_changes"();

CREATE TRIGGER "jobs_count_deletes"
  AFTER DELETE ON "jobs"
  REFERENCING OLD TABLE AS counted_old
  FOR EACH STATEMENT
  EXECUTE FUNCTION "count_job_changes"();

-- A TRUNCATE leaves no jobs to count.
CREATE OR REPLACE FUNCTION "clear_job_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "job_counts";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "jobs_clear_counts"
  AFTER TRUNCATE ON "jobs"
  FOR EACH STATEMENT
  EXECUTE FUNCTION "clear_job_counts"();

INSERT INTO "job_counts" ("owner_id", "org_id", "type", "status", "slot", "count")
SELECT owner_id, coalesce(org_id, ''), type, status, 0, count(*) FROM "jobs" GROUP BY 1, 2, 3, 4;
