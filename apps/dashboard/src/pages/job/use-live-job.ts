import type { JobsClient } from '@jobs/client';
import { ErrorCode, isTerminalStatus, type JobSummary } from '@jobs/contracts';
import type { Dispatch } from 'preact/hooks';
import { useCallback, useEffect, useReducer, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { useNetworkState } from '../../api/use-network-state.js';
import { INITIAL_LIVE_JOB, type LiveJobAction, liveJobReducer, type LiveJobState } from './live-job.js';

export interface LiveJob extends LiveJobState {
  /** Reads the job again and follows it live (after a retry: its new run). */
  follow(): void;
  /** Shows the answer of a change the caller made at once, ahead of the stream. */
  changed(summary: JobSummary): void;
}

/**
 * The job, read once and then followed through its event stream until it finishes: status and
 * progress change without a reload, and the final `result` event brings the finished job. Read and
 * followed again on `follow()`, when the id changes and when the API is reachable again; the stream
 * is aborted when the page is left.
 */
export function useLiveJob(id: string): LiveJob {
  const { client } = useSession();
  const { recoveries } = useNetworkState();
  const [state, dispatch] = useReducer(liveJobReducer, INITIAL_LIVE_JOB);
  const [runs, setRuns] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    void readAndFollow(client, id, controller.signal, dispatch);
    return () => controller.abort();
  }, [client, id, recoveries, runs]);

  const follow = useCallback(() => setRuns((count) => count + 1), []);
  const changed = useCallback((summary: JobSummary) => dispatch({ kind: 'changed', summary }), []);
  return { ...state, follow, changed };
}

async function readAndFollow(client: JobsClient, id: string, signal: AbortSignal, dispatch: Dispatch<LiveJobAction>): Promise<void> {
  dispatch({ kind: 'loading' });
  const job = await client.get(id, { signal }).catch((error: unknown) => {
    if (!signal.aborted) dispatch({ kind: 'load-failed', error });
    return null;
  });
  if (!job || signal.aborted) return;
  dispatch({ kind: 'loaded', job });
  if (isTerminalStatus(job.status)) return;

  dispatch({ kind: 'live', open: true });
  // Whether the stream's last word says all there is: the finished job, or that it was deleted.
  let conclusive = false;
  try {
    for await (const event of client.stream(id, { signal })) {
      dispatch({ kind: 'event', event });
      conclusive = event.event === 'result' || (event.event === 'error' && event.data.code === ErrorCode.JOB_NOT_FOUND);
      // A new step has times the event does not carry (when the attempt started, say).
      if (event.event === 'status') void readSummary(client, id, signal, dispatch);
    }
    dispatch({ kind: 'live', open: false });
  } catch (error) {
    if (!signal.aborted) dispatch({ kind: 'live-failed', error });
    return;
  }
  // Ended on a timeout the stream reported: show what the API has now.
  if (!conclusive && !signal.aborted) {
    try {
      const latest = await client.get(id, { signal });
      if (!signal.aborted) dispatch({ kind: 'loaded', job: latest });
    } catch (error) {
      if (!signal.aborted) dispatch({ kind: 'live-failed', error });
    }
  }
}

async function readSummary(client: JobsClient, id: string, signal: AbortSignal, dispatch: Dispatch<LiveJobAction>): Promise<void> {
  try {
    const summary = await client.status(id, { signal });
    if (!signal.aborted) dispatch({ kind: 'summary-read', summary });
  } catch {
    // Only the times of a step are missing then; the stream goes on and its result brings them.
  }
}
