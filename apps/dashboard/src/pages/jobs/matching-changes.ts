import type { BulkJobsResponse } from '@jobs/contracts';
import { jobCount } from './bulk-outcomes.js';

/** The changes the jobs page makes to every job its filters match, on every page. */
export type MatchingChange = 'retry' | 'cancel';

export const MATCHING_CHANGES: Record<MatchingChange, { verb: string; done: string; movable: string; danger: boolean }> = {
  retry: { verb: 'Retry', done: 'retried', movable: 'failed or cancelled', danger: false },
  cancel: { verb: 'Cancel', done: 'cancelled', movable: 'pending or running', danger: true },
};

/** What a dry run found, as the sentence the confirmation states: how many match, and why some will be left alone. */
export function matchingPreview(change: MatchingChange, outcome: BulkJobsResponse): string {
  const { skipped } = outcome;
  const reasons = [
    skipped.notOwner > 0 ? `${skipped.notOwner} not yours` : null,
    skipped.status > 0 ? `${skipped.status} not ${MATCHING_CHANGES[change].movable}` : null,
    skipped.unregisteredType > 0 ? `${skipped.unregisteredType} of a type no longer registered` : null,
  ].filter((reason) => reason !== null);
  const matched = `${jobCount(outcome.matched)} ${outcome.matched === 1 ? 'matches' : 'match'} these filters on every page`;
  return reasons.length === 0 ? `${matched}.` : `${matched}; ${reasons.join(', ')} will be left alone.`;
}

/** What a run did, in one sentence. */
export function matchingOutcome(change: MatchingChange, outcome: BulkJobsResponse): string {
  const left = outcome.matched - outcome.changed;
  return `${jobCount(outcome.changed)} ${MATCHING_CHANGES[change].done}${left > 0 ? `; ${left} of the ${outcome.matched} matching left alone` : ''}.`;
}
