import type { JobsClient } from '@jobs/client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useSession } from './session.js';
import { useNetworkState } from './use-network-state.js';

export interface ApiData<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  /** Loads again (keeping the current data on screen meanwhile). */
  reload(): void;
}

/**
 * Loads something from the API for a page: again when `key` changes, when the API is reachable again
 * after a loss, and on `reload()`. A load that a newer one replaced is aborted and its answer dropped.
 */
export function useApiData<T>(load: (client: JobsClient, signal: AbortSignal) => Promise<T>, key: string): ApiData<T> {
  const { client } = useSession();
  const { recoveries } = useNetworkState();
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [reloads, setReloads] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, loading: true }));
    loader.current(client, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ data: previous.data, error, loading: false }));
      },
    );
    return () => controller.abort();
  }, [client, key, recoveries, reloads]);

  const reload = useCallback(() => setReloads((count) => count + 1), []);
  return { ...state, reload };
}
