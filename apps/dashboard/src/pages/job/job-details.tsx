import type { JobResponse } from '@jobs/contracts';
import { formatDuration } from '../../format/format.js';
import { PATHS } from '../../paths.js';
import { Instant } from './instant.js';

/** Every field of the job's row (payload, metadata, result and webhook have sections of their own); values as text. */
export function JobDetails(props: { job: JobResponse }) {
  const { job } = props;
  return (
    <dl class="field-list">
      <dt>ID</dt>
      <dd>
        <code>{job.id}</code>
      </dd>
      <dt>Type</dt>
      <dd>{job.type}</dd>
      <dt>Status</dt>
      <dd>{job.status}</dd>
      <dt>Owner</dt>
      <dd>{job.ownerId}</dd>
      <dt>Organisation</dt>
      <dd>{job.orgId ?? <span class="muted">none</span>}</dd>
      {job.scheduleId ? (
        <>
          <dt>Schedule</dt>
          <dd>
            <a href={PATHS.schedule(job.scheduleId)}>{job.scheduleId}</a>, planned for <Instant iso={job.scheduledFor} />
          </dd>
        </>
      ) : null}
      <dt>Priority</dt>
      <dd>{job.priority}</dd>
      <dt>Attempts</dt>
      <dd>
        {job.attempts} of at most {job.maxAttempts}
      </dd>
      <dt>Timeout</dt>
      <dd>{job.timeoutSeconds} s per attempt</dd>
      <dt>Created</dt>
      <dd>
        <Instant iso={job.createdAt} />
      </dd>
      <dt>Runs from</dt>
      <dd>
        <Instant iso={job.runAt} />
      </dd>
      <dt>Started</dt>
      <dd>
        <Instant iso={job.startedAt} />
      </dd>
      <dt>Finished</dt>
      <dd>
        <Instant iso={job.finishedAt} />
      </dd>
      <dt>Updated</dt>
      <dd>
        <Instant iso={job.updatedAt} />
      </dd>
      <dt>Duration</dt>
      <dd>{formatDuration(job.durationMs)}</dd>
      <dt>Result</dt>
      <dd>
        {job.resultId ? (
          <>
            {job.resultType} <code>{job.resultId}</code>
          </>
        ) : (
          <span class="muted">none</span>
        )}
      </dd>
      <dt>Trace</dt>
      <dd>{job.traceId ? <code>{job.traceId}</code> : <span class="muted">not traced</span>}</dd>
      <dt>API</dt>
      <dd class="api-links">
        <code>{job.links.self}</code> <code>{job.links.stream}</code>
      </dd>
    </dl>
  );
}
