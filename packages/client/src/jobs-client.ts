import {
  type AdminDeleteJobsQuery,
  type BatchAcceptedResponse,
  type BulkJobsQuery,
  type BulkJobsResponse,
  type CallerResponse,
  type CreateJobRequest,
  type CreateScheduleRequest,
  type DeleteJobsQuery,
  type DeleteJobsResponse,
  type DeleteScheduleResponse,
  ErrorCode,
  errorCodeForStatus,
  isTerminalStatus,
  type JobAcceptedResponse,
  type JobAttemptListResponse,
  type JobFeedEvent,
  type JobFeedQuery,
  type JobListResponse,
  type JobLogLine,
  type JobLogsQuery,
  type JobLogsResponse,
  type JobResponse,
  type JobStatsQuery,
  type JobStatsResponse,
  type JobStatsTimelineQuery,
  type JobStatsTimelineResponse,
  type JobStreamEvent,
  type JobSummary,
  type JobTypeListResponse,
  type ListJobsQuery,
  type ListSchedulesQuery,
  type ProblemDetails,
  type ResultQuery,
  type ResultResponse,
  type ScheduleDetailResponse,
  type ScheduleListResponse,
  type ScheduleResponse,
  type UpdateScheduleRequest,
} from '@jobs/contracts';
import { JobsApiError, JobsWaitTimeoutError, parseRetryAfter } from './errors.js';
import { EventStreamParser } from './event-stream.js';
import { type FeedOptions, followFeed } from './job-feed.js';
import { DEFAULT_POLLING, nextPollDelay, type PollingPolicy } from './polling.js';
import { toQueryString } from './query-string.js';
import { sleep } from './sleep.js';

export interface JobsClientOptions {
  /** Where the API is, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** A bearer token, or a function giving the current one (called per request, so tokens can rotate). */
  token: string | (() => string | Promise<string>);
  /** Replaces the global fetch (proxies, instrumentation). */
  fetch?: typeof fetch;
  /** How `waitFor` paces its polls; see {@link PollingPolicy}. */
  polling?: Partial<PollingPolicy>;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** Sent as `X-Request-Id`: it appears in the API's and the worker's log lines for the job. */
  requestId?: string;
}

export interface SubmitOptions extends CallOptions {
  /** The same key with the same body gives the same job again; with another body, 422. */
  idempotencyKey?: string;
}

export interface WaitOptions extends CallOptions {
  /** Give up (with {@link JobsWaitTimeoutError}) after this long. Default: wait as long as it takes. */
  timeoutMs?: number;
  /** Called with each status read, e.g. to show progress. */
  onUpdate?: (job: JobSummary) => void;
  polling?: Partial<PollingPolicy>;
}

export interface StreamOptions extends CallOptions {
  /** Resume after this event id (an earlier stream's last `id`). */
  lastEventId?: string;
  /** Reconnections tried in a row after the connection drops, as EventSource would. Default 5. */
  maxReconnects?: number;
  /** Send the job's log lines after this `seq` first (0: all), then new ones; without it, only lines logged after the stream opens. */
  logsAfter?: number;
}

export interface FollowLogsOptions extends CallOptions {
  /** Start after this line's `seq` (default 0: from the first line). */
  after?: number;
  /** Reconnections tried in a row after the connection drops. Default 5. */
  maxReconnects?: number;
}

export type ListQuery = Omit<ListJobsQuery, 'cursor' | 'offset'>;
export type ScheduleListQuery = Omit<ListSchedulesQuery, 'cursor'>;

export interface WatchOptions extends FeedOptions, Omit<CallOptions, 'signal'> {}

interface Request {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  query?: object;
  body?: unknown;
  headers?: Record<string, string>;
  options?: CallOptions;
}

/** A typed client of the jobs API: every route, cursor iteration, SSE streams and polling with backoff. */
export class JobsClient {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly polling: PollingPolicy;

  constructor(private readonly options: JobsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.polling = { ...DEFAULT_POLLING, ...options.polling };
  }

  submit(job: CreateJobRequest, options: SubmitOptions = {}): Promise<JobAcceptedResponse> {
    return this.call({ method: 'POST', path: '/v1/jobs', body: job, headers: idempotencyHeader(options), options });
  }

  /** Up to 1000 jobs, accepted all together or not at all. */
  submitBatch(jobs: CreateJobRequest[], options: SubmitOptions = {}): Promise<BatchAcceptedResponse> {
    return this.call({ method: 'POST', path: '/v1/jobs/batch', body: { jobs }, headers: idempotencyHeader(options), options });
  }

  /** A page of the lines the job's handler logged, after `after` (a `seq`); pass `lastSeq` for the next. */
  logs(jobId: string, query: JobLogsQuery = {}, options: CallOptions = {}): Promise<JobLogsResponse> {
    return this.call({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}/logs`, query, options });
  }

  /**
   * The job's log lines, from `after` on, as they are logged, ending when the job has finished (its
   * log is then complete): `for await (const line of client.followLogs(id)) …`. Rides the job's
   * stream, resumed without gaps or repeats after a dropped connection.
   */
  async *followLogs(jobId: string, options: FollowLogsOptions = {}): AsyncGenerator<JobLogLine, void, undefined> {
    let last = options.after ?? 0;
    const { after: _after, ...streamOptions } = options;
    for await (const event of this.stream(jobId, { ...streamOptions, logsAfter: last })) {
      if (event.event === 'log' && event.data.seq > last) {
        last = event.data.seq;
        yield event.data;
      }
    }
  }

  /** The whole job, with payload and (once completed) result. */
  get(jobId: string, options: CallOptions = {}): Promise<JobResponse> {
    return this.call({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}`, options });
  }

  /** The job without payload or result: the cheap read. */
  status(jobId: string, options: CallOptions = {}): Promise<JobSummary> {
    return this.call({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}/status`, options });
  }

  /** Every attempt of the job, oldest first: worker, times, outcome and error of each. */
  attempts(jobId: string, options: CallOptions = {}): Promise<JobAttemptListResponse> {
    return this.call({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}/attempts`, options });
  }

  /** The job's result; a `JOB_NOT_COMPLETED` error until it has one. */
  result(jobId: string, options: CallOptions & ResultQuery = {}): Promise<ResultResponse> {
    return this.call({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(jobId)}/result`, query: { compact: options.compact }, options });
  }

  /** A result by its own id. */
  resultById(resultId: string, options: CallOptions & ResultQuery = {}): Promise<ResultResponse> {
    return this.call({ method: 'GET', path: `/v1/results/${encodeURIComponent(resultId)}`, query: { compact: options.compact }, options });
  }

  /** One page of the listing, for callers that keep cursors themselves. */
  listPage(query: ListJobsQuery = {}, options: CallOptions = {}): Promise<JobListResponse> {
    return this.call({ method: 'GET', path: '/v1/jobs', query, options });
  }

  /** Every matching job, page after page by keyset cursor: `for await (const job of client.list({ status: ['FAILED'] }))`. */
  async *list(query: ListQuery = {}, options: CallOptions = {}): AsyncGenerator<JobSummary, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.listPage({ ...query, ...(cursor ? { cursor } : {}) }, options);
      yield* page.data;
      cursor = page.hasMore && page.nextCursor ? page.nextCursor : undefined;
    } while (cursor);
  }

  stats(query: JobStatsQuery = {}, options: CallOptions = {}): Promise<JobStatsResponse> {
    return this.call({ method: 'GET', path: '/v1/jobs/stats', query, options });
  }

  /** Jobs created, completed, failed and cancelled per time bucket (default: the last 24 hours by the hour), and duration percentiles by type. */
  statsTimeline(query: JobStatsTimelineQuery = {}, options: CallOptions = {}): Promise<JobStatsTimelineResponse> {
    return this.call({ method: 'GET', path: '/v1/jobs/stats/timeline', query, options });
  }

  cancel(jobId: string, options: CallOptions = {}): Promise<JobSummary> {
    return this.call({ method: 'POST', path: `/v1/jobs/${encodeURIComponent(jobId)}/cancel`, options });
  }

  retry(jobId: string, options: CallOptions = {}): Promise<JobAcceptedResponse> {
    return this.call({ method: 'POST', path: `/v1/jobs/${encodeURIComponent(jobId)}/retry`, options });
  }

  /**
   * Retries every FAILED or CANCELLED job of yours the listing's filters match (admins: `scope: 'all'`
   * or `ownerId`): `retryMatching({ status: ['FAILED'], type: ['domain.similar'], errorCode: ['X'], createdFrom: monday })`.
   * At least one filter, or `all: true`; `dryRun: true` only counts.
   */
  retryMatching(query: BulkJobsQuery, options: CallOptions = {}): Promise<BulkJobsResponse> {
    return this.call({ method: 'POST', path: '/v1/jobs/retry', query, options });
  }

  /** Cancels every PENDING or PROCESSING job of yours the filters match, as {@link retryMatching} retries. */
  cancelMatching(query: BulkJobsQuery, options: CallOptions = {}): Promise<BulkJobsResponse> {
    return this.call({ method: 'POST', path: '/v1/jobs/cancel', query, options });
  }

  delete(jobId: string, options: CallOptions = {}): Promise<DeleteJobsResponse> {
    return this.call({ method: 'DELETE', path: `/v1/jobs/${encodeURIComponent(jobId)}`, options });
  }

  /** The caller's own finished jobs by date (at least one of `createdBefore`, `finishedBefore`). */
  deleteMany(query: DeleteJobsQuery, options: CallOptions = {}): Promise<DeleteJobsResponse> {
    return this.call({ method: 'DELETE', path: '/v1/jobs', query, options });
  }

  /** Admins: every owner's jobs by date; `dryRun: true` only counts. */
  adminBulkDelete(query: AdminDeleteJobsQuery, options: CallOptions = {}): Promise<DeleteJobsResponse> {
    return this.call({ method: 'DELETE', path: '/v1/admin/jobs', query, options });
  }

  /** Who the API takes the token's bearer to be, and when the token expires. */
  me(options: CallOptions = {}): Promise<CallerResponse> {
    return this.call({ method: 'GET', path: '/v1/me', options });
  }

  jobTypes(options: CallOptions = {}): Promise<JobTypeListResponse> {
    return this.call({ method: 'GET', path: '/v1/job-types', options });
  }

  /** A recurring job: one job of `type` with `payload` at each time `cron` names in `timezone`. */
  createSchedule(schedule: CreateScheduleRequest, options: CallOptions = {}): Promise<ScheduleResponse> {
    return this.call({ method: 'POST', path: '/v1/schedules', body: schedule, options });
  }

  /** The schedule, its next fire times and the jobs of its latest firings. */
  getSchedule(scheduleId: string, options: CallOptions = {}): Promise<ScheduleDetailResponse> {
    return this.call({ method: 'GET', path: `/v1/schedules/${encodeURIComponent(scheduleId)}`, options });
  }

  /** One page of schedules, newest first. */
  listSchedulesPage(query: ListSchedulesQuery = {}, options: CallOptions = {}): Promise<ScheduleListResponse> {
    return this.call({ method: 'GET', path: '/v1/schedules', query, options });
  }

  /** Every matching schedule, page after page. */
  async *listSchedules(query: ScheduleListQuery = {}, options: CallOptions = {}): AsyncGenerator<ScheduleResponse, void, undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.listSchedulesPage({ ...query, ...(cursor ? { cursor } : {}) }, options);
      yield* page.data;
      cursor = page.hasMore && page.nextCursor ? page.nextCursor : undefined;
    } while (cursor);
  }

  updateSchedule(scheduleId: string, change: UpdateScheduleRequest, options: CallOptions = {}): Promise<ScheduleResponse> {
    return this.call({ method: 'PATCH', path: `/v1/schedules/${encodeURIComponent(scheduleId)}`, body: change, options });
  }

  pauseSchedule(scheduleId: string, options: CallOptions = {}): Promise<ScheduleResponse> {
    return this.call({ method: 'POST', path: `/v1/schedules/${encodeURIComponent(scheduleId)}/pause`, options });
  }

  /** Fires again from its next time after now; firings missed while paused are not made up. */
  resumeSchedule(scheduleId: string, options: CallOptions = {}): Promise<ScheduleResponse> {
    return this.call({ method: 'POST', path: `/v1/schedules/${encodeURIComponent(scheduleId)}/resume`, options });
  }

  /** Deletes the schedule; the jobs it made stay. */
  deleteSchedule(scheduleId: string, options: CallOptions = {}): Promise<DeleteScheduleResponse> {
    return this.call({ method: 'DELETE', path: `/v1/schedules/${encodeURIComponent(scheduleId)}`, options });
  }

  /**
   * Polls the job's status until it is COMPLETED, FAILED or CANCELLED, and returns it: every second
   * at first, then with backoff for long jobs, never sooner than a `Retry-After` asks. Rate limits and
   * a briefly unreachable database are waited out; abort with `signal`.
   */
  async waitFor(jobId: string, options: WaitOptions = {}): Promise<JobSummary> {
    const policy = { ...this.polling, ...options.polling };
    const startedAt = Date.now();
    const deadline = options.timeoutMs === undefined ? Number.POSITIVE_INFINITY : startedAt + options.timeoutMs;
    let delay: number | null = null;
    let last: JobSummary | null = null;
    for (;;) {
      let retryAfterSeconds: number | null = null;
      try {
        last = await this.status(jobId, options);
        options.onUpdate?.(last);
        if (isTerminalStatus(last.status)) return last;
      } catch (error) {
        if (!(error instanceof JobsApiError) || !error.retryable) throw error;
        retryAfterSeconds = error.retryAfterSeconds;
      }
      delay = nextPollDelay(policy, { elapsedMs: Date.now() - startedAt, previousDelayMs: delay, retryAfterSeconds });
      if (Date.now() + delay > deadline) throw new JobsWaitTimeoutError(jobId, last);
      await sleep(delay, options.signal);
    }
  }

  /**
   * The job's Server-Sent Events, typed: `status`, `progress` and `log` as they happen, then `result`
   * (the whole job), after which iteration ends. A dropped connection is resumed from the last event id.
   */
  async *stream(jobId: string, options: StreamOptions = {}): AsyncGenerator<JobStreamEvent, void, undefined> {
    const parser = new EventStreamParser();
    parser.lastEventId = options.lastEventId ?? null;
    const maxReconnects = options.maxReconnects ?? 5;
    let failures = 0;
    let dropped: unknown;
    for (;;) {
      const connection = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, connection.signal]) : connection.signal;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream', ...(await this.headers(options)) };
        if (parser.lastEventId) headers['last-event-id'] = parser.lastEventId;
        const query = options.logsAfter === undefined ? '' : toQueryString({ logsAfter: options.logsAfter });
        const response = await this.fetch(`${this.baseUrl}/v1/jobs/${encodeURIComponent(jobId)}/stream${query}`, { headers, signal });
        // 204: the final event was seen already.
        if (response.status === 204) return;
        if (!response.ok) throw await problemFrom(response);
        const reader = response.body?.getReader();
        const decoder = new TextDecoder();
        for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
          failures = 0;
          for (const raw of parser.feed(decoder.decode(chunk.value, { stream: true }))) {
            const event = { event: raw.event, id: raw.id, data: JSON.parse(raw.data) as unknown } as JobStreamEvent;
            yield event;
            if (event.event === 'result') return;
            // Timeouts and deletions end the stream for good; an internal error invites a reconnect.
            if (event.event === 'error' && event.data.code !== ErrorCode.INTERNAL_ERROR) return;
          }
        }
      } catch (error) {
        if (options.signal?.aborted || error instanceof JobsApiError) throw error;
        dropped = error;
      } finally {
        connection.abort();
      }
      failures += 1;
      if (failures > maxReconnects) throw new Error(`the stream of job ${jobId} kept closing before its result`, { cause: dropped });
      await sleep(parser.retryMs ?? 1000, options.signal);
    }
  }

  /**
   * The jobs of a scope as they are created and change (`GET /v1/jobs/events`), typed: `created`,
   * `changed`, and `resync` — first once the feed listens, then whenever changes may have been missed
   * (every reconnection starts with one) — upon which the consumer (re)fetches its view (`listPage`
   * with the same scope): nothing committed after that read is missed. Runs until `signal` aborts (or the loop breaks),
   * reconnecting after drops; see the route's description for the ordering of `created` and `changed`.
   */
  watchJobs(query: JobFeedQuery = {}, options: WatchOptions = {}): AsyncGenerator<JobFeedEvent, void, undefined> {
    return followFeed(async (signal) => {
      const headers: Record<string, string> = { accept: 'text/event-stream', ...(await this.headers(options)) };
      const response = await this.fetch(`${this.baseUrl}/v1/jobs/events${toQueryString(query)}`, { headers, signal });
      if (!response.ok) throw await problemFrom(response);
      return response;
    }, options);
  }

  private async call<T>(request: Request): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...(await this.headers(request.options ?? {})), ...request.headers };
    const init: RequestInit = { method: request.method, headers };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(request.body);
    }
    if (request.options?.signal) init.signal = request.options.signal;
    const response = await this.fetch(`${this.baseUrl}${request.path}${request.query ? toQueryString(request.query) : ''}`, init);
    if (!response.ok) throw await problemFrom(response);
    return (await response.json()) as T;
  }

  private async headers(options: CallOptions): Promise<Record<string, string>> {
    const token = typeof this.options.token === 'function' ? await this.options.token() : this.options.token;
    return { authorization: `Bearer ${token}`, ...(options.requestId ? { 'x-request-id': options.requestId } : {}) };
  }
}

function idempotencyHeader(options: SubmitOptions): Record<string, string> {
  return options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
}

/** The problem the API answered with, or one made from a non-problem error (a proxy's 502, say). */
async function problemFrom(response: Response): Promise<JobsApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      const problem = JSON.parse(text) as ProblemDetails;
      if (typeof problem.code === 'string') return new JobsApiError(problem, retryAfter);
    } catch {
      // Not JSON after all: described below from the status.
    }
  }
  const problem: ProblemDetails = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    detail: text.slice(0, 500) || `The server answered ${response.status} without a problem document.`,
    code: errorCodeForStatus(response.status),
  };
  return new JobsApiError(problem, retryAfter);
}
