import type { JobListResponse, JobSummary, ListJobsQuery } from '@jobs/contracts';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { useNetworkState } from '../../api/use-network-state.js';
import { reconcileRows } from './row-updates.js';

export interface JobsList {
  /** The page's rows; while another page loads, the previous one's (so nothing jumps); null before any answer. */
  rows: JobSummary[] | null;
  nextCursor: string | null;
  hasMore: boolean;
  total: number | undefined;
  error: unknown;
  /** A new page (not a refresh of this one) is on its way. */
  loading: boolean;
  /** Reads the page again in the background, merging it into the rows on screen. */
  refresh(): void;
  /** Changes the rows on screen (live updates), in one render. */
  patch(update: (rows: JobSummary[]) => JobSummary[]): void;
}

interface ListState {
  key: string | null;
  page: JobListResponse | null;
  error: unknown;
  loading: boolean;
}

/**
 * The jobs page's data: the page `query` names (`key` identifies it), read again when the key
 * changes, after the API was unreachable, and on `refresh()`. An answer a newer request replaced is
 * dropped; a refresh keeps the rows that did not change as they are, so only changed rows are drawn.
 */
export function useJobsList(query: ListJobsQuery, key: string): JobsList {
  const { client } = useSession();
  const { recoveries } = useNetworkState();
  const [state, setState] = useState<ListState>({ key: null, page: null, error: null, loading: true });
  const [refreshes, setRefreshes] = useState(0);
  const latestQuery = useRef(query);
  latestQuery.current = query;
  const shownKey = useRef<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    const sameListing = shownKey.current === key;
    if (!sameListing) setState((previous) => ({ ...previous, loading: true }));
    client.listPage(latestQuery.current, { signal: controller.signal }).then(
      (page) => {
        if (controller.signal.aborted) return;
        shownKey.current = key;
        setState((previous) => {
          if (previous.key !== key || previous.page === null) return { key, page, error: null, loading: false };
          const data = reconcileRows(previous.page.data, page.data);
          return { key, page: { ...page, data, total: page.total ?? previous.page.total }, error: null, loading: false };
        });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed refresh leaves the page on screen; a page that could not be read shows only the problem.
        if (sameListing) setState((previous) => ({ ...previous, error, loading: false }));
        else {
          shownKey.current = null;
          setState({ key, page: null, error, loading: false });
        }
      },
    );
    return () => controller.abort();
  }, [client, key, recoveries, refreshes]);

  const refresh = useCallback(() => setRefreshes((count) => count + 1), []);
  const patch = useCallback((update: (rows: JobSummary[]) => JobSummary[]) => {
    setState((previous) => {
      if (previous.page === null) return previous;
      const data = update(previous.page.data);
      return data === previous.page.data ? previous : { ...previous, page: { ...previous.page, data } };
    });
  }, []);

  const { page } = state;
  return {
    rows: page?.data ?? null,
    nextCursor: state.key === key ? (page?.nextCursor ?? null) : null,
    hasMore: state.key === key && (page?.hasMore ?? false),
    total: state.key === key ? page?.total : undefined,
    error: state.error,
    loading: state.loading,
    refresh,
    patch,
  };
}
