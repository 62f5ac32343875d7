-- Each `job_events` item also names the job's type, owner and organisation, so that an API process
-- can fan changes out to feeds of a whole scope (GET /v1/jobs/events) from the notification alone,
-- without reading the table per client. Otherwise as in 20261205120000_statement_notifications: one
-- notification per statement at commit, split under PostgreSQL's 8000-byte payload limit. New jobs
-- get no trigger: they are announced on `jobs_created` after their commit (see
-- packages/jobs/src/notifications/channels.ts).
CREATE OR REPLACE FUNCTION "notify_job_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  channel text;
  item text;
  current_channel text;
  payload text;
BEGIN
  FOR channel, item IN
    SELECT 'job_events', json_build_object(
             'id', n.id,
             'type', n.type,
             'ownerId', n.owner_id,
             'orgId', n.org_id,
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
