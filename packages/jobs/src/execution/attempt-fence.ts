import { Prisma } from '@jobs/database';
import { fromStatusFilterSql } from '../status-transitions.js';

/**
 * The condition every write about a claimed attempt carries, for `jobs j` joined to an input row
 * `i` with the attempt's `attempt` number and `queue_job_id`: the job is still running this attempt
 * of this queue entry. A stale copy of a redelivered job, or one cancelled, retried or deleted
 * meanwhile, matches nothing and so changes nothing.
 */
export const ATTEMPT_FENCE = Prisma.sql`${fromStatusFilterSql('complete', 'j.status')} AND j.attempts = i.attempt AND j.queue_job_id = i.queue_job_id`;
