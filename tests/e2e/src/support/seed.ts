import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgBoss } from 'pg-boss';

export interface SeedJob {
  ownerId: string;
  orgId?: string | null;
  type?: string;
  status?: 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';
  priority?: number;
  metadata?: Record<string, string | number | boolean>;
  createdAt: Date;
  updatedAt?: Date;
  runAt?: Date;
  startedAt?: Date | null;
  finishedAt?: Date | null;
  /** Completed jobs get a result row of this type. */
  resultType?: string | null;
}

export interface SeededJob extends Required<Omit<SeedJob, 'orgId' | 'resultType'>> {
  id: string;
  orgId: string | null;
  resultType: string | null;
  resultId: string | null;
}

function earliest(date: Date, other: Date | null): Date {
  return other !== null && other < date ? other : date;
}

/**
 * Writes job rows straight into the database with chosen timestamps and states (and a result row
 * for completed ones), so listing, statistics and deletion can be checked against known data.
 */
export async function seedJobs(database: pg.Client, jobs: SeedJob[]): Promise<SeededJob[]> {
  const seeded = jobs.map((job): SeededJob => {
    const status = job.status ?? 'PENDING';
    const resultType = status === 'COMPLETED' ? (job.resultType ?? 'indicators') : null;
    return {
      id: randomUUID(),
      ownerId: job.ownerId,
      orgId: job.orgId ?? null,
      type: job.type ?? 'text.indicators',
      status,
      priority: job.priority ?? 0,
      metadata: job.metadata ?? {},
      createdAt: job.createdAt,
      updatedAt: job.updatedAt ?? job.createdAt,
      runAt: job.runAt ?? job.createdAt,
      // Started no later than it finished, as the API's jobs do (`durationMs` is never negative).
      startedAt: job.startedAt ?? (status === 'PENDING' ? null : earliest(job.createdAt, job.finishedAt ?? null)),
      finishedAt: job.finishedAt ?? null,
      resultType,
      resultId: resultType ? randomUUID() : null,
    };
  });
  for (let start = 0; start < seeded.length; start += 1000) {
    const chunk = seeded.slice(start, start + 1000);
    await database.query(
      `INSERT INTO jobs (id, owner_id, org_id, type, status, priority, payload, metadata, max_attempts, timeout_seconds,
                         result_id, result_type, queue_name, queue_job_id, created_at, updated_at, run_at, started_at,
                         finished_at, search_text)
       SELECT j.id, j.owner_id, j.org_id, j.type, j.status::"JobStatus", j.priority, '{"text":"seeded"}', j.metadata, 3, 60,
              j.result_id, j.result_type, j.type, j.id, j.created_at, j.updated_at, j.run_at, j.started_at, j.finished_at,
              lower(j.type || ' ' || coalesce((SELECT string_agg(key || ' ' || value, ' ') FROM jsonb_each_text(j.metadata)), ''))
         FROM jsonb_to_recordset($1::jsonb) AS j(id uuid, owner_id text, org_id text, type text, status text, priority int,
              metadata jsonb, result_id uuid, result_type text, created_at timestamptz, updated_at timestamptz,
              run_at timestamptz, started_at timestamptz, finished_at timestamptz)`,
      [
        JSON.stringify(
          chunk.map((job) => ({
            id: job.id,
            owner_id: job.ownerId,
            org_id: job.orgId,
            type: job.type,
            status: job.status,
            priority: job.priority,
            metadata: job.metadata,
            result_id: job.resultId,
            result_type: job.resultType,
            created_at: job.createdAt,
            updated_at: job.updatedAt,
            run_at: job.runAt,
            started_at: job.startedAt,
            finished_at: job.finishedAt,
          })),
        ),
      ],
    );
    await database.query(
      `INSERT INTO results (id, job_id, type, data)
       SELECT r.id, r.job_id, r.type, '{"total":0}' FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, job_id uuid, type text)`,
      [JSON.stringify(chunk.filter((job) => job.resultId).map((job) => ({ id: job.resultId, job_id: job.id, type: job.resultType })))],
    );
  }
  return seeded;
}

/** Gives seeded jobs queue entries, as the API would have, due far in the future so no worker takes them. */
export async function queueSeededJobs(databaseUrl: string, jobs: SeededJob[], transaction?: pg.Client): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, supervise: false, schedule: false, migrate: false });
  await boss.start();
  // Through `transaction` (a client inside BEGIN), the entries commit with the rows it seeded.
  const db = transaction && { executeSql: (text: string, values?: unknown[]) => transaction.query(text, values) };
  try {
    for (const [type, group] of Map.groupBy(jobs, (job) => job.type)) {
      for (let start = 0; start < group.length; start += 1000) {
        await boss.insert(
          type,
          group.slice(start, start + 1000).map((job) => ({ id: job.id, data: { jobId: job.id }, startAfter: new Date(Date.now() + 86_400_000) })),
          db ? { db } : undefined,
        );
      }
    }
  } finally {
    await boss.stop({ graceful: false });
  }
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** Results or queue entries whose job row is gone: always none. */
export async function orphans(database: pg.Client): Promise<{ results: number; queued: number }> {
  const { rows } = await database.query<{ results: number; queued: number }>(
    `SELECT (SELECT count(*) FROM results r WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = r.job_id))::int AS results,
            (SELECT count(*) FROM pgboss.job q WHERE q.data ? 'jobId'
                AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = (q.data->>'jobId')::uuid))::int AS queued`,
  );
  return rows[0] ?? { results: -1, queued: -1 };
}

export const minutesAgo = (minutes: number, from = Date.now()): Date => new Date(from - minutes * 60_000);

/** How many job rows, and queue entries for them, an owner has. */
export async function storedFor(database: pg.Client, ownerId: string): Promise<{ jobs: number; queued: number }> {
  const { rows } = await database.query<{ jobs: number; queued: number }>(
    `SELECT (SELECT count(*) FROM jobs WHERE owner_id = $1)::int AS jobs,
            (SELECT count(*) FROM pgboss.job q JOIN jobs j ON j.queue_job_id = q.id WHERE j.owner_id = $1)::int AS queued`,
    [ownerId],
  );
  return rows[0] ?? { jobs: -1, queued: -1 };
}
