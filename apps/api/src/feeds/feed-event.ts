import type { JobFeedEvent } from '@jobs/contracts';
import type { JobFeedSignal } from '@jobs/jobs';

/** The event a feed's client is sent for what the job domain heard: times as ISO 8601, owners left out (the scope chose them). */
export function feedEvent(signal: JobFeedSignal): JobFeedEvent {
  switch (signal.kind) {
    case 'created': {
      const { id, type, status, createdAt } = signal.job;
      return { event: 'created', data: { id, type, status, createdAt: new Date(createdAt).toISOString() } };
    }
    case 'changed': {
      const { id, type, status, progress, attempts, updatedAt } = signal.change;
      return { event: 'changed', data: { id, type, status, progress, attempts, updatedAt: new Date(updatedAt).toISOString() } };
    }
    case 'resync':
      return { event: 'resync', data: {} };
  }
}
