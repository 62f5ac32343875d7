import { AttemptOutcome, JobErrorCode } from '@jobs/contracts';
import { markFailed, type Span, startSpan } from '@jobs/tracing';
import { LOST_WORKER_CODES } from './attempt-outcome.js';
import type { AttemptSettlement } from './attempt.js';
import type { ClaimedRow } from './claim-jobs.js';

/**
 * The span of one attempt in the worker: a child of the span that submitted the job (its stored
 * `traceparent`), so every attempt of a job lands in the trace of its submission; a new trace for a
 * job submitted untraced.
 */
export function startAttemptSpan(row: ClaimedRow): Span {
  return startSpan('job.run', {
    role: 'consumer',
    parent: row.traceParent,
    attributes: { 'job.id': row.id, 'job.type': row.type, 'job.attempt': row.attempt, 'messaging.system': 'pg-boss', 'messaging.destination.name': row.type },
  });
}

/** Records how the attempt ended on its span: `job.outcome` as the attempt's row says it, and an error status unless it completed. */
export function recordAttemptEnd(span: Span, settlement: AttemptSettlement): void {
  const outcome = spanOutcomeOf(settlement);
  span.setAttribute('job.outcome', outcome);
  span.setAttribute('job.duration_ms', settlement.durationMs);
  if ('failure' in settlement) {
    span.setAttribute('error.type', settlement.failure.code);
    markFailed(span, settlement.failure);
  } else if (settlement.status === 'UNRECORDED') markFailed(span, settlement.error);
}

/** As `job_attempts.outcome` names it (see `failureOutcomeSql`), or DISCARDED / UNRECORDED when the end was not recorded as such. */
export function spanOutcomeOf(settlement: AttemptSettlement): string {
  switch (settlement.status) {
    case 'COMPLETED':
      return AttemptOutcome.COMPLETED;
    case 'CANCELLED':
      return AttemptOutcome.CANCELLED;
    case 'DISCARDED':
    case 'UNRECORDED':
      return settlement.status;
    case 'FAILED':
    case 'RETRYING':
      if (settlement.failure.code === JobErrorCode.TIMEOUT) return AttemptOutcome.TIMED_OUT;
      if (LOST_WORKER_CODES.includes(settlement.failure.code)) return AttemptOutcome.LOST;
      return settlement.status === 'FAILED' ? AttemptOutcome.FAILED : AttemptOutcome.RETRIED;
  }
}
