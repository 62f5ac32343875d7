import type { JobSummary } from '@jobs/contracts';

/** When the specs' jobs were created. */
export const CREATED_AT = '2026-12-06T10:00:00.000Z';

/** A pending job as the API would list it, for the specs of the pages' pure logic. */
export function jobSummary(overrides: Partial<JobSummary> = {}): JobSummary {
  return {
    id: '0b7f2c1e-8a4d-4f5e-9c3b-2d1a0e9f8b7c',
    type: 'diagnostics.sleep',
    status: 'PENDING',
    ownerId: 'ann',
    orgId: null,
    priority: 0,
    metadata: {},
    progress: null,
    resultId: null,
    resultType: null,
    error: null,
    attempts: 0,
    maxAttempts: 3,
    timeoutSeconds: 300,
    createdAt: CREATED_AT,
    runAt: CREATED_AT,
    startedAt: null,
    finishedAt: null,
    updatedAt: CREATED_AT,
    durationMs: null,
    webhook: null,
    scheduleId: null,
    scheduledFor: null,
    links: { self: '', status: '', result: '', stream: '', cancel: '', logs: '', attempts: '' },
    ...overrides,
  };
}
