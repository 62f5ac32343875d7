import type { JobResponse, JobStreamErrorData, JobStreamEvent, JobSummary } from '@jobs/contracts';

/**
 * What the job page knows of its job: the job as last read or streamed, why it could not be read,
 * whether its stream is open, and what the stream said went wrong (a timeout, a deletion, a lost
 * connection). Changed only through {@link liveJobReducer}, so the live updates are unit-tested.
 */
export interface LiveJobState {
  job: JobResponse | null;
  /** Why the job could not be read at all (404, 400, …): the page shows this instead of the job. */
  loadError: unknown;
  /** Whether the job's event stream is open. */
  live: boolean;
  /** Why the stream stopped before the job finished (the job shown may then be out of date). */
  liveError: unknown;
  /** An `error` event of the stream: `JobTimeout`, or `JOB_NOT_FOUND` when the job was deleted meanwhile. */
  streamError: JobStreamErrorData | null;
}

export type LiveJobAction =
  | { kind: 'loading' }
  | { kind: 'loaded'; job: JobResponse }
  | { kind: 'load-failed'; error: unknown }
  | { kind: 'live'; open: boolean }
  | { kind: 'live-failed'; error: unknown }
  | { kind: 'event'; event: JobStreamEvent }
  /** A read of the job's summary made while it streams: fills in what events do not carry (times, error). */
  | { kind: 'summary-read'; summary: JobSummary }
  /** The answer of a change the caller made (cancel): newer than anything streamed so far. */
  | { kind: 'changed'; summary: JobSummary };

export const INITIAL_LIVE_JOB: LiveJobState = { job: null, loadError: null, live: false, liveError: null, streamError: null };

export function liveJobReducer(state: LiveJobState, action: LiveJobAction): LiveJobState {
  switch (action.kind) {
    case 'loading':
      // A stream of an earlier read was aborted, whatever it was doing.
      return { ...state, loadError: null, live: false, liveError: null, streamError: null };
    case 'loaded':
      return { ...state, job: action.job, loadError: null };
    case 'load-failed':
      return { ...state, loadError: action.error, live: false };
    case 'live':
      return { ...state, live: action.open, ...(action.open ? { liveError: null } : {}) };
    case 'live-failed':
      return { ...state, live: false, liveError: action.error };
    case 'event':
      return applyStreamEvent(state, action.event);
    case 'summary-read':
      // Status, attempts and progress belong to the stream, which may already be ahead of this read.
      return state.job ? { ...state, job: { ...state.job, ...withoutLiveFields(action.summary) } } : state;
    case 'changed':
      return state.job ? { ...state, job: { ...state.job, ...action.summary } } : state;
  }
}

function applyStreamEvent(state: LiveJobState, event: JobStreamEvent): LiveJobState {
  const { job } = state;
  if (!job) return state;
  switch (event.event) {
    case 'status': {
      const { status, attempts } = event.data;
      // Each attempt starts without progress; a wait for a retry keeps none either.
      const sameStep = status === job.status && attempts === job.attempts;
      return { ...state, job: { ...job, status, attempts, progress: sameStep ? job.progress : null } };
    }
    case 'progress':
      return { ...state, job: { ...job, progress: event.data } };
    case 'result':
      return { ...state, job: event.data };
    case 'error':
      return { ...state, streamError: event.data };
    // Lines are the Logs section's: it follows them on its own stream.
    case 'log':
    case 'ping':
      return state;
  }
}

function withoutLiveFields(summary: JobSummary): Omit<JobSummary, 'status' | 'attempts' | 'progress'> {
  const { status: _status, attempts: _attempts, progress: _progress, ...rest } = summary;
  return rest;
}
