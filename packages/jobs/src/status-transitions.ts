import { JobStatus } from '@jobs/contracts';
import { Prisma } from '@jobs/database';

/**
 * Every change of a job's status, in one table: the statuses it may start from and where it goes.
 * Each statement that moves a job names its transition and is conditional on `from`, so a race
 * (a cancel beside a completion, a second delivery of one queue entry) is settled by the database:
 * whichever statement commits first wins, and the other changes nothing.
 */
export const TRANSITIONS = {
  /** A worker takes the job; PROCESSING too, for a job whose previous worker was lost mid-attempt. */
  claim: { from: [JobStatus.PENDING, JobStatus.PROCESSING], to: JobStatus.PROCESSING },
  /** The handler returned a result (stored in the same statement). */
  complete: { from: [JobStatus.PROCESSING], to: JobStatus.COMPLETED },
  /** The attempt failed and another follows, after the queue's backoff. */
  retryLater: { from: [JobStatus.PROCESSING], to: JobStatus.PENDING },
  /** The attempt failed and was the last, or cannot be helped by running again. */
  fail: { from: [JobStatus.PROCESSING], to: JobStatus.FAILED },
  /** The worker running the last attempt stopped answering (its queue entry failed without it). */
  loseWorker: { from: [JobStatus.PENDING, JobStatus.PROCESSING], to: JobStatus.FAILED },
  /** The owner or an admin stops the job; a running handler is told through `job_cancellations`. */
  cancel: { from: [JobStatus.PENDING, JobStatus.PROCESSING], to: JobStatus.CANCELLED },
  /** The owner or an admin runs a finished-without-result job again, under the same id. */
  retry: { from: [JobStatus.FAILED, JobStatus.CANCELLED], to: JobStatus.PENDING },
} as const satisfies Record<string, { from: readonly JobStatus[]; to: JobStatus }>;

export type Transition = keyof typeof TRANSITIONS;

/** `status IN (…)` for a transition's starting statuses, as literals (constants, and partial indexes can match them). */
export function fromStatusSql(transition: Transition, column = 'status'): Prisma.Sql {
  const statuses = TRANSITIONS[transition].from.map((status) => `'${status}'`).join(', ');
  return Prisma.raw(`${column} IN (${statuses})`);
}

/**
 * The same condition as a filter no index can serve, for statements that name their jobs by id:
 * they then always find them through the primary key. Compared by status, the planner may prefer
 * the status index whenever its statistics are stale (a table that filled up since the last
 * ANALYZE), and read every pending job to claim a few.
 */
export function fromStatusFilterSql(transition: Transition, column = 'status'): Prisma.Sql {
  return fromStatusSql(transition, `${column}::text`);
}

/** The status a transition leads to, as a literal of the column's enum type. */
export function toStatusSql(transition: Transition): Prisma.Sql {
  return Prisma.raw(`'${TRANSITIONS[transition].to}'::"JobStatus"`);
}
