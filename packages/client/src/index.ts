export { JobsApiError, JobsWaitTimeoutError, isJobsApiError, parseRetryAfter } from './errors.js';
export { EventStreamParser, type RawServerSentEvent } from './event-stream.js';
export {
  JobsClient,
  type CallOptions,
  type FollowLogsOptions,
  type JobsClientOptions,
  type ListQuery,
  type ScheduleListQuery,
  type StreamOptions,
  type SubmitOptions,
  type WaitOptions,
  type WatchOptions,
} from './jobs-client.js';
export { DEFAULT_POLLING, nextPollDelay, type PollingPolicy } from './polling.js';
export { toQueryString, type QueryValue } from './query-string.js';
