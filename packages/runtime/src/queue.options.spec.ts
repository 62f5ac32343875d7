import { describe, expect, it } from '@jest/globals';
import { TEXT_INDICATORS } from '@jobs/contracts';
import { EXPIRY_GRACE_SECONDS, HEARTBEAT_SECONDS, jobInsertFor, queueOptionsFor } from './queue.options.js';

describe('queue options', () => {
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

  it("carry a job's own id, priority, start time, attempts and timeout", () => {
    const runAt = new Date('2030-01-01T00:00:00Z');
    expect(jobInsertFor({ id: 'id-1', queueJobId: 'queue-1', priority: 7, runAt, maxAttempts: 1, timeoutSeconds: 5, retryDelaySeconds: 3 })).toEqual({
      id: 'queue-1',
      data: { jobId: 'id-1' },
      priority: 7,
      startAfter: runAt,
      retryLimit: 0,
      retryDelay: 3,
      retryBackoff: true,
      expireInSeconds: 5 + EXPIRY_GRACE_SECONDS,
      heartbeatSeconds: HEARTBEAT_SECONDS,
    });
  });
});
