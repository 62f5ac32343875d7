import type { JobStatus } from './job-status.js';
import type { JobLogLine } from './job-logs.js';
import type { JobProgress, JobResponse } from './job.js';

/** `status` events of `GET /v1/jobs/:id/stream`. */
export interface JobStatusEventData {
  jobId: string;
  status: JobStatus;
  attempts: number;
}

/** `error` events: `JobTimeout` when the job outlived its timeout, `JOB_NOT_FOUND` when it was deleted. */
export interface JobStreamErrorData {
  code: string;
  message: string;
}

/** `ping` events, every SSE_PING_SECONDS, to keep proxies from closing a quiet stream. */
export interface PingEventData {
  at: string;
}

/** One event of a job's stream, by its `event` name. */
export type JobStreamEvent =
  | { event: 'status'; id: string | null; data: JobStatusEventData }
  | { event: 'progress'; id: string | null; data: JobProgress }
  | { event: 'result'; id: string | null; data: JobResponse }
  | { event: 'error'; id: string | null; data: JobStreamErrorData }
  | { event: 'log'; id: string | null; data: JobLogLine }
  | { event: 'ping'; id: string | null; data: PingEventData };
