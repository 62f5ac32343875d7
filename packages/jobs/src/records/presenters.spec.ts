import { describe, expect, it } from '@jest/globals';
import { JobCatalog } from '@jobs/dto';
import type { JobRecord, ResultRecord } from './job-record.js';
import { toJobResponse, toJobSummary, toResultResponse } from './presenters.js';

const JOB: JobRecord = {
  id: '0b6c3c55-62a4-4f1c-9d5e-8b2f0f1f2a3b',
  ownerId: 'alice',
  orgId: null,
  type: 'text.indicators',
  status: 'FAILED',
  priority: 0,
  payload: { text: 'x' },
  metadata: { a: 1 },
  progress: null,
  errorCode: 'JobTimeout',
  errorMessage: 'too slow',
  attempts: 2,
  maxAttempts: 2,
  timeoutSeconds: 1,
  resultId: null,
  resultType: null,
  queueJobId: '0b6c3c55-62a4-4f1c-9d5e-8b2f0f1f2a3b',
  webhookUrl: null,
  webhookAttempts: 0,
  webhookDeliveredAt: null,
  webhookError: null,
  createdAt: new Date('2026-01-01T00:00:00.000Z'),
  updatedAt: new Date('2026-01-01T00:00:03.000Z'),
  runAt: new Date('2026-01-01T00:00:00.000Z'),
  startedAt: new Date('2026-01-01T00:00:01.250Z'),
  finishedAt: new Date('2026-01-01T00:00:02.500Z'),
  scheduleId: null,
  scheduledFor: null,
  traceParent: null,
};

describe('presenters', () => {
  it('shapes a summary with ISO dates, the error, the duration and links, and no payload', () => {
    const summary = toJobSummary(JOB);
    expect(summary).toMatchObject({
      error: { code: 'JobTimeout', message: 'too slow' },
      createdAt: '2026-01-01T00:00:00.000Z',
      startedAt: '2026-01-01T00:00:01.250Z',
      durationMs: 1250,
      links: {
        self: `/v1/jobs/${JOB.id}`,
        status: `/v1/jobs/${JOB.id}/status`,
        result: `/v1/jobs/${JOB.id}/result`,
        stream: `/v1/jobs/${JOB.id}/stream`,
        cancel: `/v1/jobs/${JOB.id}/cancel`,
        logs: `/v1/jobs/${JOB.id}/logs`,
        attempts: `/v1/jobs/${JOB.id}/attempts`,
      },
    });
    expect(summary).not.toHaveProperty('payload');
    expect(summary).not.toHaveProperty('queueJobId');
    expect(summary).not.toHaveProperty('requestHash');
  });

  it('shows a webhook without its secret', () => {
    const summary = toJobSummary({ ...JOB, webhookUrl: 'https://hooks.example/x', webhookAttempts: 2, webhookError: 'HTTP 500' });
    expect(summary.webhook).toEqual({ url: 'https://hooks.example/x', attempts: 2, deliveredAt: null, lastError: 'HTTP 500' });
    expect(toJobSummary(JOB).webhook).toBeNull();
  });

  it('has no duration or error before the job ends', () => {
    const summary = toJobSummary({ ...JOB, status: 'PROCESSING', finishedAt: null, errorCode: null, errorMessage: null });
    expect(summary.durationMs).toBeNull();
    expect(summary.error).toBeNull();
  });

  it('puts the payload and the inline result in the whole job', () => {
    expect(toJobResponse(JOB, null)).toMatchObject({ payload: { text: 'x' }, result: null, traceId: null });
  });

  it("names the job's trace by the trace id of its stored traceparent", () => {
    const traced = { ...JOB, traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    expect(toJobResponse(traced, null).traceId).toBe('0af7651916cd43dd8448eb211c80319c');
  });

  it('serves the compact form only when asked and defined', () => {
    const result: ResultRecord = { id: 'r', jobId: JOB.id, type: 'indicators', data: { total: 0, counts: {}, indicators: [] }, createdAt: JOB.createdAt };
    const catalog = JobCatalog.create({ diagnostics: false });
    expect(toResultResponse(result, catalog, false)).toMatchObject({ compact: false, data: result.data });
    expect(toResultResponse(result, catalog, true)).toMatchObject({ compact: true, data: { total: 0, counts: {} } });
    expect(toResultResponse({ ...result, type: 'unknown' }, catalog, true)).toMatchObject({ compact: false, data: result.data });
  });
});
