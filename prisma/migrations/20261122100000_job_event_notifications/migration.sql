-- Every change of a job's status or progress is announced on `job_events` (API processes fan it out
-- to SSE streams); a running job that is cancelled is announced on `job_cancellations` (workers abort
-- its handler). NOTIFY is transactional: listeners hear of a change only once it is committed.
CREATE FUNCTION "notify_job_event"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('job_events', json_build_object(
    'id', NEW.id,
    'status', NEW.status,
    'progress', NEW.progress,
    'attempts', NEW.attempts,
    'updatedAt', floor(extract(epoch FROM NEW.updated_at) * 1000)
  )::text);
  IF NEW.status = 'CANCELLED' AND OLD.status = 'PROCESSING' THEN
    PERFORM pg_notify('job_cancellations', NEW.id::text);
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "jobs_notify_event"
  AFTER UPDATE OF "status", "progress" ON "jobs"
  FOR EACH ROW
  WHEN (OLD."status" IS DISTINCT FROM NEW."status" OR OLD."progress" IS DISTINCT FROM NEW."progress")
  EXECUTE FUNCTION "notify_job_event"();
