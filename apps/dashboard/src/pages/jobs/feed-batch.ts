import type { JobChangedEventData, JobFeedEvent, JobSummary } from '@jobs/contracts';
import { changeMayEnter, creationMayMatch, showsNewestFirst } from './feed-matching.js';
import type { JobsListState } from './jobs-list-state.js';
import { applyChanges } from './row-updates.js';

export interface FeedBatchOutcome {
  /** The last change of each job the batch mentions, in arrival (commit) order. */
  changes: Map<string, JobChangedEventData>;
  /**
   * Read the page again: a resync, a row whose status changed (its other fields are stale), a job
   * that may now belong on the page, or a new job for the top of this page.
   */
  refresh: boolean;
  /** New jobs that may match the filters but would not appear on this page: announced, not fetched. */
  announced: string[];
}

/** What the events that arrived during one animation frame mean for the page on screen. */
export function reduceFeedBatch(events: readonly JobFeedEvent[], rows: JobSummary[], state: JobsListState): FeedBatchOutcome {
  const changes = new Map<string, JobChangedEventData>();
  const onPage = new Set(rows.map((row) => row.id));
  const announced: string[] = [];
  let refresh = false;
  for (const event of events) {
    if (event.event === 'resync') refresh = true;
    else if (event.event === 'changed') {
      changes.delete(event.data.id);
      changes.set(event.data.id, event.data);
    } else if (!onPage.has(event.data.id) && creationMayMatch(event.data, state)) {
      if (showsNewestFirst(state)) refresh = true;
      else announced.push(event.data.id);
    }
  }
  if (applyChanges(rows, changes).stale.length > 0) refresh = true;
  for (const change of changes.values()) {
    if (!onPage.has(change.id) && changeMayEnter(change, state)) refresh = true;
  }
  return { changes, refresh, announced };
}
