import type { JobTypeDefinition } from '@jobs/contracts';
import type { JobInsert, Queue } from 'pg-boss';

/** Queue message: the job row is the system of record, so the queue carries only its id. */
export interface QueueMessage {
  jobId: string;
  /** The id of the HTTP request that queued it, so the worker's log lines can be joined to the API's. */
  requestId?: string;
}

/** pg-boss keeps a job active this long past its own timeout, so our timeout always fires first. */
export const EXPIRY_GRACE_SECONDS = 30;

/** How often a running job's claim is refreshed; a killed worker's job is retried after about this long. */
export const HEARTBEAT_SECONDS = 10;

/** Deliveries of webhooks, apart from the jobs themselves so a slow receiver never delays a job. */
export const WEBHOOK_QUEUE = 'webhooks';

/** A failing receiver is tried again with backoff for about an hour. */
export const WEBHOOK_QUEUE_OPTIONS = { retryLimit: 10, retryDelay: 5, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 60, notify: false } as const;

/**
 * Committed queue entries that can run now are announced here (payload: the queue's name), and
 * workers wake for them. pg-boss's own per-insert NOTIFY is off: a NOTIFY serialises the commits of
 * every transaction that sends one, which halved submit throughput; announcements are sent after
 * the commit instead, coalesced across concurrent submits (see QueueService.announce).
 */
export const QUEUE_WAKEUP_CHANNEL = 'jobs_queued';

/** One pg-boss queue per job type, named after it. */
export function queueNameFor(type: string): string {
  return type;
}

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

export interface QueuedJobSpec {
  /** The job's id. */
  id: string;
  /** The queue entry's id: the job's id at first, a new one for each manual retry. */
  queueJobId: string;
  priority: number;
  runAt: Date;
  maxAttempts: number;
  timeoutSeconds: number;
  retryDelaySeconds: number;
  requestId?: string;
}

/** One job's queue entry: it carries only the job id; retries, backoff and expiry follow the job's settings. */
export function jobInsertFor(spec: QueuedJobSpec): JobInsert<QueueMessage> {
  return {
    id: spec.queueJobId,
    data: spec.requestId ? { jobId: spec.id, requestId: spec.requestId } : { jobId: spec.id },
    priority: spec.priority,
    startAfter: spec.runAt,
    retryLimit: spec.maxAttempts - 1,
    retryDelay: spec.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: spec.timeoutSeconds + EXPIRY_GRACE_SECONDS,
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}
