import { describe, expect, it } from '@jest/globals';
import { TEXT_INDICATORS } from '@jobs/dto';
import { EXPIRY_GRACE_SECONDS, HEARTBEAT_SECONDS, queueEntryFor, queueOptionsFor } from './queue-entry.js';

describe('queue entries', () => {
  it("derive a type's queue from its defaults: attempts become retries, expiry outlasts the timeout", () => {
    expect(queueOptionsFor(TEXT_INDICATORS)).toEqual({
      retryLimit: TEXT_INDICATORS.defaults.maxAttempts - 1,
      retryDelay: TEXT_INDICATORS.defaults.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: TEXT_INDICATORS.defaults.timeoutSeconds + EXPIRY_GRACE_SECONDS,
      heartbeatSeconds: HEARTBEAT_SECONDS,
      notify: false,
    });
  });

  it("carry a job's own entry id, priority, start time, attempts and timeout, its tenant, and the submitting request", () => {
    const runAt = new Date('2030-01-01T00:00:00Z');
    const job = { id: 'id-1', type: TEXT_INDICATORS.name, ownerId: 'user-1', orgId: null, queueJobId: 'queue-1', priority: 7, runAt, maxAttempts: 1, timeoutSeconds: 5 };
    expect(queueEntryFor(job, TEXT_INDICATORS, 'request-9')).toEqual({
      group: { id: 'owner:user-1' },
      id: 'queue-1',
      data: { jobId: 'id-1', requestId: 'request-9' },
      priority: 7,
      startAfter: runAt,
      retryLimit: 0,
      retryDelay: TEXT_INDICATORS.defaults.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: 5 + EXPIRY_GRACE_SECONDS,
      heartbeatSeconds: HEARTBEAT_SECONDS,
    });
    expect(queueEntryFor(job, TEXT_INDICATORS).data).toEqual({ jobId: 'id-1' });
    // A type shared first come, first served counts entries for nobody.
    expect(queueEntryFor(job, { ...TEXT_INDICATORS, fairness: null })).not.toHaveProperty('group');
  });
});
