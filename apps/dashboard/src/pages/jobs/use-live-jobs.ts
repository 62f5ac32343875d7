import type { JobFeedEvent, JobFeedQuery, JobSummary } from '@jobs/contracts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { reduceFeedBatch } from './feed-batch.js';
import type { JobsListState } from './jobs-list-state.js';
import { applyChanges } from './row-updates.js';
import { Throttle } from './throttle.js';

/** New jobs and status changes re-read the page at most this often. */
const REFRESH_INTERVAL_MS = 1000;
/** Events kept while no frame is drawn (a hidden tab); beyond, they are dropped for a re-read. */
const MAX_BUFFERED_EVENTS = 5000;

/** What the feed updates: the page on screen as last drawn. */
export interface LiveTarget {
  rows: JobSummary[] | null;
  state: JobsListState;
  patch(update: (rows: JobSummary[]) => JobSummary[]): void;
  refresh(): void;
}

export interface LiveJobs {
  /** New jobs that may match the filters but would not show on this page. */
  announced: number;
  /** Why live updates stopped (a refusal that waiting cannot fix); null while they run. */
  error: unknown;
}

/**
 * Keeps the page live from the jobs feed (`GET /v1/jobs/events` of the view's scope and types): the
 * events of each animation frame are applied in one render — rows patched in place, the page re-read
 * (throttled) when a row changes status, a new job belongs at its top or the feed resynced — and new
 * jobs for elsewhere are counted. The feed starts with a resync once it listens, which re-reads the page: nothing committed after that read is missed.
 */
export function useLiveJobs(feedQuery: JobFeedQuery, listing: string, target: { readonly current: LiveTarget | null }): LiveJobs {
  const { client } = useSession();
  const [announced, setAnnounced] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const throttle = useMemo(() => new Throttle(REFRESH_INTERVAL_MS, () => target.current?.refresh()), [target]);
  const feedKey = JSON.stringify(feedQuery);

  useEffect(() => setAnnounced(new Set()), [listing]);

  useEffect(() => {
    const controller = new AbortController();
    let buffered: JobFeedEvent[] = [];
    let frame: number | null = null;

    const flush = () => {
      frame = null;
      const batch = buffered;
      buffered = [];
      const page = target.current;
      if (!page) return;
      const outcome = reduceFeedBatch(batch, page.rows ?? [], page.state);
      if (outcome.changes.size > 0) page.patch((rows) => applyChanges(rows, outcome.changes).rows);
      if (outcome.refresh) throttle.request();
      if (outcome.announced.length > 0) setAnnounced((previous) => new Set([...previous, ...outcome.announced]));
    };

    setError(null);
    void (async () => {
      try {
        for await (const event of client.watchJobs(JSON.parse(feedKey) as JobFeedQuery, { signal: controller.signal })) {
          if (buffered.length >= MAX_BUFFERED_EVENTS) buffered = [{ event: 'resync', data: {} }];
          buffered.push(event);
          frame ??= requestAnimationFrame(flush);
        }
      } catch (failure) {
        if (!controller.signal.aborted) setError(failure);
      }
    })();
    return () => {
      controller.abort();
      if (frame !== null) cancelAnimationFrame(frame);
      throttle.cancel();
    };
  }, [client, feedKey, target, throttle]);

  return { announced: announced.size, error };
}
