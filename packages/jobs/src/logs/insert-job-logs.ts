import type { JobLogLevel } from '@jobs/contracts';
import type { TransactionClient } from '@jobs/database';
import { CHANNELS } from '../notifications/channels.js';

/** One line a running attempt logged, as the worker hands it over. */
export interface JobLogEntry {
  jobId: string;
  attempt: number;
  level: JobLogLevel;
  loggedAt: Date;
  message: string;
  /** JSON text of the line's structured fields, or null. */
  fields: string | null;
}

/** How much of a job's log is kept: lines and bytes (message plus fields' JSON), across its attempts. */
export interface JobLogBound {
  maxLines: number;
  maxBytes: number;
}

/** Jobs per `job_logs` notification: `{ id, seq }` items stay well under NOTIFY's 8000 bytes. */
const JOBS_PER_NOTIFICATION = 100;

/**
 * Appends the lines of any number of jobs in one statement and announces them (`job_logs`, at
 * commit, at most {@link JOBS_PER_NOTIFICATION} jobs a notification). Each job's lines continue its
 * `seq` in input order; the running size lives on every row, so the bound is checked against the
 * job's last line alone. The first line past the bound is replaced by one `truncated` marker, after
 * which the job takes no more. Lines of an attempt the job is no longer on (a stale copy) and of
 * jobs deleted meanwhile are dropped; the job row is key-share locked so a concurrent delete either
 * waits or has happened. Returns the ids of the jobs whose log is full: their writers stop sending.
 */
export async function insertJobLogs(db: TransactionClient, entries: readonly JobLogEntry[], bound: JobLogBound): Promise<string[]> {
  const marker = `log truncated: the job reached its bound of ${bound.maxLines} lines or ${bound.maxBytes} bytes; later lines were dropped`;
  const rows = await db.$queryRaw<{ jobId: string }[]>`
    WITH input AS (
      SELECT * FROM unnest(${entries.map((entry) => entry.jobId)}::uuid[], ${entries.map((entry) => entry.attempt)}::int[],
                           ${entries.map((entry) => entry.level)}::text[], ${entries.map((entry) => entry.loggedAt)}::timestamptz[],
                           ${entries.map((entry) => entry.message)}::text[], ${entries.map((entry) => entry.fields)}::jsonb[])
        WITH ORDINALITY AS i(job_id, attempt, level, logged_at, message, fields, ord)
    ), writers AS (
      SELECT j.id, j.attempts, coalesce(last.seq, 0) AS last_seq, coalesce(last.bytes_total, 0) AS last_bytes, coalesce(last.truncated, false) AS full
        FROM jobs j
        LEFT JOIN LATERAL (SELECT l.seq, l.bytes_total, l.truncated FROM job_logs l WHERE l.job_id = j.id ORDER BY l.seq DESC LIMIT 1) last ON true
       WHERE j.id IN (SELECT job_id FROM input)
         FOR KEY SHARE OF j
    ), numbered AS (
      SELECT i.job_id, i.attempt, i.level, i.logged_at, i.message, i.fields,
             w.last_seq + row_number() OVER job_lines AS seq,
             w.last_bytes + sum(octet_length(i.message) + coalesce(octet_length(i.fields::text), 0)) OVER job_lines AS bytes_total
        FROM input i JOIN writers w ON w.id = i.job_id AND i.attempt = w.attempts AND NOT w.full
      WINDOW job_lines AS (PARTITION BY i.job_id ORDER BY i.ord)
    ), overflow AS (
      SELECT DISTINCT ON (job_id) job_id, attempt, logged_at, seq, bytes_total
        FROM numbered WHERE seq > ${bound.maxLines} OR bytes_total > ${bound.maxBytes}
       ORDER BY job_id, seq
    ), inserted AS (
      INSERT INTO job_logs (job_id, seq, attempt, level, logged_at, message, fields, bytes_total, truncated)
      SELECT job_id, seq, attempt, level, logged_at, message, fields, bytes_total, false
        FROM numbered WHERE seq <= ${bound.maxLines} AND bytes_total <= ${bound.maxBytes}
      UNION ALL
      SELECT job_id, seq, attempt, 'warn', logged_at, ${marker}, NULL, bytes_total, true FROM overflow
      ON CONFLICT DO NOTHING
      RETURNING job_id, seq
    ), announced AS (
      SELECT pg_notify(${CHANNELS.jobLogs}, json_agg(json_build_object('id', job_id, 'seq', seq))::text)
        FROM (SELECT job_id, max(seq) AS seq, (row_number() OVER () - 1) / ${JOBS_PER_NOTIFICATION} AS chunk FROM inserted GROUP BY job_id) latest
       GROUP BY chunk
    )
    -- A SELECT in a WITH runs only when read: the count makes the notifications go out.
    SELECT w.id AS "jobId" FROM writers w
     WHERE (SELECT count(*) FROM announced) >= 0
       AND (w.full OR EXISTS (SELECT 1 FROM overflow o WHERE o.job_id = w.id))`;
  return rows.map((row) => row.jobId);
}

