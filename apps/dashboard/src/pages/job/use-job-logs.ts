import { JOB_LOG_LIMITS } from '@jobs/contracts';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { useNetworkState } from '../../api/use-network-state.js';
import { appendLogLines, type JobLogLines, NO_LOG_LINES } from './job-log-lines.js';

export interface JobLogsState extends JobLogLines {
  loading: boolean;
  /** Following new lines on the job's stream. */
  following: boolean;
  error: unknown;
}

/**
 * The job's log: every stored line, page after page, then — while the job runs — new lines from its
 * stream as they are logged, until it finishes. Read again for each run of the job (`runAt`) and when
 * the API is reachable again; aborted when the page is left.
 */
export function useJobLogs(jobId: string, runAt: string, finished: boolean): JobLogsState {
  const { client } = useSession();
  const { recoveries } = useNetworkState();
  const [state, setState] = useState<JobLogsState>({ ...NO_LOG_LINES, loading: true, following: false, error: null });

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    let shown: JobLogLines = NO_LOG_LINES;
    const show = (patch: Partial<JobLogsState>): void => {
      if (!signal.aborted) setState((previous) => ({ ...previous, ...shown, ...patch }));
    };
    setState({ ...NO_LOG_LINES, loading: true, following: false, error: null });
    void (async () => {
      try {
        for (;;) {
          const page = await client.logs(jobId, { after: shown.lastSeq, limit: JOB_LOG_LIMITS.maxLimit }, { signal });
          shown = appendLogLines(shown, page.data);
          if (!page.hasMore) break;
        }
        show({ loading: false });
        if (finished) return;
        show({ following: true });
        for await (const line of client.followLogs(jobId, { after: shown.lastSeq, signal })) {
          shown = appendLogLines(shown, [line]);
          show({});
        }
        show({ following: false });
      } catch (error) {
        show({ loading: false, following: false, error });
      }
    })();
    return () => controller.abort();
    // `finished` is read when a run is first shown: the stream ends by itself when the job does.
  }, [client, jobId, runAt, recoveries]);

  return state;
}
