import type { JobTypeDefinition } from '@jobs/contracts';
import type { Queue, SendOptions } from 'pg-boss';

/** pg-boss keeps a job active this long past its own timeout, so our timeout always fires first. */
export const EXPIRY_GRACE_SECONDS = 30;

/** How often a running job's claim is refreshed; a killed worker's job is retried after about this long. */
export const HEARTBEAT_SECONDS = 10;

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
    notify: true,
  };
}

export interface QueuedJobSpec {
  id: string;
  priority: number;
  runAt: Date;
  maxAttempts: number;
  timeoutSeconds: number;
  retryDelaySeconds: number;
}

/** pg-boss options for one job: its retries, backoff and expiry follow the job's own settings. */
export function sendOptionsFor(spec: QueuedJobSpec): SendOptions {
  return {
    id: spec.id,
    priority: spec.priority,
    startAfter: spec.runAt,
    retryLimit: spec.maxAttempts - 1,
    retryDelay: spec.retryDelaySeconds,
    retryBackoff: true,
    expireInSeconds: spec.timeoutSeconds + EXPIRY_GRACE_SECONDS,
    heartbeatSeconds: HEARTBEAT_SECONDS,
  };
}
