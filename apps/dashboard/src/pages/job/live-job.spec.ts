import { describe, expect, it } from '@jest/globals';
import type { JobResponse, JobSummary } from '@jobs/contracts';
import { CREATED_AT, jobSummary } from '../../testing/job-summary.js';
import { INITIAL_LIVE_JOB, type LiveJobState, liveJobReducer } from './live-job.js';

const created = CREATED_AT;

const pending: JobResponse = { ...jobSummary(), payload: { durationMs: 1000 }, result: null, traceId: null };

const loaded: LiveJobState = liveJobReducer(INITIAL_LIVE_JOB, { kind: 'loaded', job: pending });
const progress = { current: 3, total: 10, message: 'slept 3 of 10 steps', percentage: 30 };

describe('liveJobReducer', () => {
  it('follows status and progress events, and takes the finished job from the result event', () => {
    let state = liveJobReducer(loaded, { kind: 'event', event: { event: 'status', id: '1.1', data: { jobId: pending.id, status: 'PROCESSING', attempts: 1 } } });
    state = liveJobReducer(state, { kind: 'event', event: { event: 'progress', id: '1.1.5', data: progress } });
    expect(state.job).toMatchObject({ status: 'PROCESSING', attempts: 1, progress });
    state = liveJobReducer(state, { kind: 'event', event: { event: 'ping', id: null, data: { at: created } } });
    expect(state.job?.progress).toEqual(progress);

    const completed: JobResponse = { ...pending, status: 'COMPLETED', attempts: 1, result: { sleptMs: 1000, attempt: 1, steps: 10 } };
    state = liveJobReducer(state, { kind: 'event', event: { event: 'result', id: '1.final', data: completed } });
    expect(state.job).toEqual(completed);
  });

  it('drops the progress of an attempt when the next step begins', () => {
    let state = liveJobReducer(loaded, { kind: 'event', event: { event: 'status', id: '1.1', data: { jobId: pending.id, status: 'PROCESSING', attempts: 1 } } });
    state = liveJobReducer(state, { kind: 'event', event: { event: 'progress', id: '1.1.5', data: progress } });
    state = liveJobReducer(state, { kind: 'event', event: { event: 'status', id: '1.2', data: { jobId: pending.id, status: 'PENDING', attempts: 1 } } });
    expect(state.job).toMatchObject({ status: 'PENDING', attempts: 1, progress: null });
  });

  it('takes times from a summary read while streaming, but not status or progress, which the stream may have moved on', () => {
    let state = liveJobReducer(loaded, { kind: 'event', event: { event: 'status', id: '1.1', data: { jobId: pending.id, status: 'PROCESSING', attempts: 1 } } });
    state = liveJobReducer(state, { kind: 'event', event: { event: 'progress', id: '1.1.5', data: progress } });
    const { payload: _payload, result: _result, ...stale } = pending;
    const summary: JobSummary = { ...stale, status: 'PENDING', attempts: 0, startedAt: '2026-12-06T10:00:01.000Z' };
    state = liveJobReducer(state, { kind: 'summary-read', summary });
    expect(state.job).toMatchObject({ status: 'PROCESSING', attempts: 1, progress, startedAt: '2026-12-06T10:00:01.000Z', payload: pending.payload });
  });

  it('shows a change the caller made at once, keeping the payload', () => {
    const { payload: _payload, result: _result, ...summary } = pending;
    const state = liveJobReducer(loaded, { kind: 'changed', summary: { ...summary, status: 'CANCELLED', finishedAt: created } });
    expect(state.job).toMatchObject({ status: 'CANCELLED', finishedAt: created, payload: pending.payload });
  });

  it('keeps what the stream reported went wrong, and what stopped the stream', () => {
    let state = liveJobReducer({ ...loaded, live: true }, { kind: 'event', event: { event: 'error', id: null, data: { code: 'JobTimeout', message: 'too long' } } });
    expect(state.streamError).toEqual({ code: 'JobTimeout', message: 'too long' });
    const lost = new Error('the stream kept closing');
    state = liveJobReducer(state, { kind: 'live-failed', error: lost });
    expect(state).toMatchObject({ live: false, liveError: lost });
    state = liveJobReducer({ ...state, live: true }, { kind: 'loading' });
    expect(state).toMatchObject({ job: pending, live: false, liveError: null, streamError: null });
  });

  it('ignores events before the job was read, and remembers why it could not be read', () => {
    expect(liveJobReducer(INITIAL_LIVE_JOB, { kind: 'event', event: { event: 'progress', id: null, data: progress } })).toEqual(INITIAL_LIVE_JOB);
    const notFound = new Error('404');
    expect(liveJobReducer(INITIAL_LIVE_JOB, { kind: 'load-failed', error: notFound }).loadError).toBe(notFound);
  });
});
