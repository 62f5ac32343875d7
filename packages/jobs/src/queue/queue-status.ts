/** A queue's entries by state, as of pg-boss's last statistics pass. */
export interface QueueDepth {
  queue: string;
  deferred: number;
  queued: number;
  active: number;
}

/**
 * What operators may ask of the queue: its depths (metrics) and whether it answers (readiness).
 * Apps inject this; the job queue implements it, and nothing else of pg-boss shows.
 */
export abstract class QueueStatus {
  abstract depths(): Promise<QueueDepth[]>;
  abstract check(): Promise<{ queues: number }>;
}
