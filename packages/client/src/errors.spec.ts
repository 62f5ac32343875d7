import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@jobs/contracts';
import { isJobsApiError, JobsApiError, parseRetryAfter } from './errors.js';

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.UTC(2026, 11, 4, 12, 0, 0);
    expect(parseRetryAfter('5', now)).toBe(5);
    expect(parseRetryAfter('Fri, 04 Dec 2026 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Fri, 04 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('later', now)).toBeNull();
  });
});

describe('JobsApiError', () => {
  const problem = { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'Slow down.', code: ErrorCode.RATE_LIMITED };

  it('carries the problem, its code and whether a retry may succeed', () => {
    const error = new JobsApiError(problem, 3);
    expect(error.message).toBe('429 RATE_LIMITED: Slow down.');
    expect(error.retryable).toBe(true);
    expect(error.retryAfterSeconds).toBe(3);
    expect(new JobsApiError({ ...problem, status: 404, code: ErrorCode.JOB_NOT_FOUND }).retryable).toBe(false);
  });

  it('narrows by code', () => {
    const error: unknown = new JobsApiError({ ...problem, status: 409, code: ErrorCode.JOB_NOT_COMPLETED });
    expect(isJobsApiError(error, ErrorCode.JOB_NOT_COMPLETED)).toBe(true);
    expect(isJobsApiError(error, ErrorCode.JOB_NOT_FOUND)).toBe(false);
    expect(isJobsApiError(new Error('x'))).toBe(false);
  });
});
