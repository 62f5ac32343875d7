-- Job changes are announced once per statement instead of once per row: a worker claims and
-- completes jobs in batches, and a NOTIFY per row made PostgreSQL queue (and every listener parse)
-- a message per job. The channels and their payloads are described in
-- packages/jobs/src/notifications/channels.ts: `job_events` carries a JSON array of
-- { id, status, progress, attempts, updatedAt } for the rows whose status or progress changed;
-- `job_cancellations` a JSON array of the ids of running jobs that became CANCELLED. A payload stays
-- under PostgreSQL's 8000-byte limit: a large statement sends several.
DROP TRIGGER "jobs_notify_event" ON "jobs";
DROP FUNCTION "notify_job_event"();

CREATE FUNCTION "notify_job_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  channel text;
  item text;
  current_channel text;
  payload text;
BEGIN
  FOR channel, item IN
    SELECT 'job_events', json_build_object(
             'id', n.id,
             'status', n.status,
             'progress', n.progress,
             'attempts', n.attempts,
             'updatedAt', floor(extract(epoch FROM n.updated_at) * 1000))::text
      FROM changed_new n JOIN changed_old o ON o.id = n.id
     WHERE o.status IS DISTINCT FROM n.status OR o.progress IS DISTINCT FROM n.progress
    UNION ALL
    SELECT 'job_cancellations', to_json(n.id)::text
      FROM changed_new n JOIN changed_old o ON o.id = n.id
     WHERE n.status = 'CANCELLED' AND o.status = 'PROCESSING'
     ORDER BY 1
  LOOP
    IF payload IS NOT NULL AND (channel <> current_channel OR octet_length(payload) + octet_length(item) > 7900) THEN
      PERFORM pg_notify(current_channel, '[' || payload || ']');
      payload := NULL;
    END IF;
    IF payload IS NULL THEN
      current_channel := channel;
      payload := item;
    ELSE
      payload := payload || ',' || item;
    END IF;
  END LOOP;
  IF payload IS NOT NULL THEN
    PERFORM pg_notify(current_channel, '[' || payload || ']');
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "jobs_notify_changes"
  AFTER UPDATE ON "jobs"
  REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new
  FOR EACH STATEMENT
  EXECUTE FUNCTION "notify_job_changes"();
