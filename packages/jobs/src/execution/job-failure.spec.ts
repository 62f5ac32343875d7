import { describe, expect, it } from '@jest/globals';
import { JobFailure } from './job-failure.js';

describe('JobFailure.from', () => {
  it("keeps a handler's own well-formed error code", () => {
    const error = Object.assign(new Error('bad input line 3'), { code: 'ParseError' });
    expect(JobFailure.from(error)).toMatchObject({ code: 'ParseError', message: 'bad input line 3', retryable: true });
  });

  it('falls back to HandlerError for errors without a usable code', () => {
    expect(JobFailure.from(Object.assign(new Error('x'), { code: 42 })).code).toBe('HandlerError');
    expect(JobFailure.from(Object.assign(new Error('x'), { code: 'has spaces' })).code).toBe('HandlerError');
    expect(JobFailure.from('a string was thrown')).toMatchObject({ code: 'HandlerError', message: 'a string was thrown' });
  });

  it('passes JobFailures through and truncates very long messages', () => {
    const timeout = JobFailure.timeout(5);
    expect(JobFailure.from(timeout)).toBe(timeout);
    expect(timeout).toMatchObject({ code: 'JobTimeout', message: 'Job exceeded its timeout of 5s and was aborted' });
    expect(new JobFailure('X', 'm'.repeat(5000)).message.length).toBe(2001);
  });
});
