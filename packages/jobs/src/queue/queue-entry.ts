import { fairnessOf, type JobTypeDefinition } from '@jobs/dto';
import type { JobInsert, Queue } from 'pg-boss';
import { fairShareGroup } from './fair-share.js';

/** What a queue entry carries: the job row is the system of record, so only its id (and the submitting request's id, for logs). */
export interface QueueMessage {
  jobId: string;
  requestId?: string;
}

/** pg-boss keeps an entry active this long past the job's own timeout, so our timeout always fires first. */
export const EXPIRY_GRACE_SECONDS = 30;

/** How often a running job's claim is refreshed; a killed worker's job is retried about this long after it died. */
export const HEARTBEAT_SECONDS = 10;

/** Webhook deliveries have a queue of their own, so a slow receiver never delays a job. */
export const WEBHOOK_QUEUE = 'webhooks';

/** A failing receiver is tried again with backoff for about an hour. */
export const WEBHOOK_QUEUE_OPTIONS = { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 60, notify: false } as const;

/** One pg-boss queue per job type, named after it. */
export function queueNameFor(type: string): string {
  return type;
}

/** A type's queue: its defaults become the retry policy; expiry outlasts the timeout. Wake-ups are ours (see CHANNELS.queueWakeups). */
export function queueOptionsFor(definition: JobTypeDefinition): Omit<Queue, 'name'> {
  return {
    retryLimit: definition.defaults.maxAttempts - 1,
    retryDelay: definition.defaults.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: definition.defaults.timeoutSeconds + EXPIRY_GRACE_SECONDS,
    heartbeatSeconds: HEARTBEAT_SECONDS,
    notify: false,
  };
}

/** The fields of a job its queue entry is made from. */
export interface QueuedJob {
  id: string;
  type: string;
  ownerId: string;
  orgId: string | null;
  /** The entry's id: the job's id at first, a new one for each manual retry. */
  queueJobId: string;
  priority: number;
  runAt: Date;
  maxAttempts: number;
  timeoutSeconds: number;
}

/**
 * A job's queue entry: the one mapping from a job to what pg-boss stores, used by submissions,
 * batches and retries alike. Retries, backoff and expiry follow the job's own settings; a type
 * shared fairly counts the entry for its tenant (pg-boss's group).
 */
export function queueEntryFor(job: QueuedJob, definition: JobTypeDefinition, requestId?: string): JobInsert<QueueMessage> {
  const fairness = fairnessOf(definition);
  return {
    ...(fairness ? { group: { id: fairShareGroup(job, fairness) } } : {}),
    id: job.queueJobId,
    data: requestId ? { jobId: job.id, requestId } : { jobId: job.id },
    priority: job.priority,
    startAfter: job.runAt,
    retryLimit: job.maxAttempts - 1,
    retryDelay: definition.defaults.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: job.timeoutSeconds + EXPIRY_GRACE_SECONDS,
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}
