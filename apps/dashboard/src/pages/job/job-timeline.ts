import type { JobSummary } from '@jobs/contracts';

export interface TimelineEntry {
  key: string;
  label: string;
  /** When it happened (ISO), or null for what is going on now. */
  at: string | null;
  detail: string | null;
  tone: 'done' | 'now' | 'ok' | 'failed' | 'cancelled';
}

/** A run time this close to the creation is the submission itself, not a delay. */
const SAME_INSTANT_MS = 1000;

/**
 * The job's life as far as its row tells it: created, when it may run (if that was later: a delay or
 * a retry), when the current attempt started, what it is doing now, and how it ended. The API keeps
 * no record per attempt, so earlier attempts appear only as a count.
 */
export function timelineOf(job: JobSummary, now: number): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ key: 'created', label: 'Created', at: job.createdAt, detail: null, tone: 'done' }];
  const runAt = Date.parse(job.runAt);
  const delayed = runAt - Date.parse(job.createdAt) >= SAME_INSTANT_MS;
  if (delayed) {
    entries.push({ key: 'run-at', label: runAt > now ? 'Will run' : 'Queued to run', at: job.runAt, detail: 'later than it was created: delayed or retried', tone: runAt > now ? 'now' : 'done' });
  }
  if (job.startedAt) {
    entries.push({
      key: 'started',
      label: job.attempts > 1 ? `Attempt ${job.attempts} started` : 'Started',
      at: job.startedAt,
      detail: `attempt ${job.attempts} of at most ${job.maxAttempts}${job.attempts > 1 ? `; ${job.attempts - 1} before it failed` : ''}`,
      tone: 'done',
    });
  }
  const current = currentStep(job, runAt, now);
  if (current) entries.push(current);
  if (job.finishedAt) entries.push(finished(job, job.finishedAt));
  if (job.webhook?.deliveredAt) {
    entries.push({ key: 'webhook', label: 'Webhook delivered', at: job.webhook.deliveredAt, detail: `after ${job.webhook.attempts} attempt${job.webhook.attempts === 1 ? '' : 's'}`, tone: 'done' });
  }
  return entries;
}

function currentStep(job: JobSummary, runAt: number, now: number): TimelineEntry | null {
  if (job.status === 'PROCESSING') {
    return { key: 'now', label: 'Running', at: null, detail: `attempt ${job.attempts} of at most ${job.maxAttempts}`, tone: 'now' };
  }
  if (job.status !== 'PENDING') return null;
  if (job.attempts > 0) {
    return { key: 'now', label: 'Waiting to retry', at: null, detail: `attempt ${job.attempts} of at most ${job.maxAttempts} failed; the next one follows after a backoff`, tone: 'now' };
  }
  return { key: 'now', label: runAt > now ? 'Waiting for its run time' : 'Waiting for a worker', at: null, detail: null, tone: 'now' };
}

function finished(job: JobSummary, at: string): TimelineEntry {
  const attempts = `${job.attempts} attempt${job.attempts === 1 ? '' : 's'}`;
  switch (job.status) {
    case 'COMPLETED':
      return { key: 'finished', label: 'Completed', at, detail: attempts, tone: 'ok' };
    case 'FAILED':
      return { key: 'finished', label: 'Failed', at, detail: job.error ? `${job.error.code} after ${attempts}` : attempts, tone: 'failed' };
    default:
      return { key: 'finished', label: 'Cancelled', at, detail: job.attempts > 0 ? `${attempts} made` : 'before it started', tone: 'cancelled' };
  }
}
