import { describe, expect, it } from '@jest/globals';
import type { JobSummary } from '@jobs/contracts';
import { CREATED_AT, jobSummary } from '../../testing/job-summary.js';
import { timelineOf } from './job-timeline.js';

const created = CREATED_AT;
const at = (seconds: number) => new Date(Date.parse(created) + seconds * 1000).toISOString();
const now = Date.parse(at(3600));

const job = (overrides: Partial<JobSummary>): JobSummary => jobSummary(overrides);

const labels = (summary: JobSummary) => timelineOf(summary, now).map((entry) => `${entry.label}${entry.at ? ` @${entry.at}` : ''}`);

describe('timelineOf', () => {
  it('shows a job waiting for a worker, or for the time it was delayed to', () => {
    expect(labels(job({}))).toEqual([`Created @${created}`, 'Waiting for a worker']);
    expect(labels(job({ runAt: at(7200) }))).toEqual([`Created @${created}`, `Will run @${at(7200)}`, 'Waiting for its run time']);
  });

  it('shows the running attempt, and a wait for the retry after a failed one', () => {
    expect(labels(job({ status: 'PROCESSING', attempts: 1, startedAt: at(1) }))).toEqual([`Created @${created}`, `Started @${at(1)}`, 'Running']);
    const waiting = timelineOf(job({ status: 'PENDING', attempts: 1, startedAt: at(1) }), now);
    expect(waiting.at(-1)).toMatchObject({ label: 'Waiting to retry', detail: 'attempt 1 of at most 3 failed; the next one follows after a backoff' });
  });

  it('ends with how the job finished: the attempts it took, the error code of a failure', () => {
    const completed = job({ status: 'COMPLETED', attempts: 2, startedAt: at(5), finishedAt: at(6) });
    expect(labels(completed)).toEqual([`Created @${created}`, `Attempt 2 started @${at(5)}`, `Completed @${at(6)}`]);
    expect(timelineOf(completed, now)[1]?.detail).toBe('attempt 2 of at most 3; 1 before it failed');
    const failed = timelineOf(job({ status: 'FAILED', attempts: 3, startedAt: at(9), finishedAt: at(10), error: { code: 'DiagnosticFailure', message: 'no' } }), now);
    expect(failed.at(-1)).toMatchObject({ label: 'Failed', detail: 'DiagnosticFailure after 3 attempts', tone: 'failed' });
    expect(timelineOf(job({ status: 'CANCELLED', finishedAt: at(2) }), now).at(-1)).toMatchObject({ label: 'Cancelled', detail: 'before it started' });
  });

  it('shows a run time later than the creation (a delay or a retry), and the webhook delivery', () => {
    const retried = job({
      status: 'COMPLETED',
      attempts: 1,
      runAt: at(60),
      startedAt: at(61),
      finishedAt: at(62),
      webhook: { url: 'https://hooks.example/x', attempts: 2, deliveredAt: at(70), lastError: null },
    });
    expect(labels(retried)).toEqual([`Created @${created}`, `Queued to run @${at(60)}`, `Started @${at(61)}`, `Completed @${at(62)}`, `Webhook delivered @${at(70)}`]);
  });
});
