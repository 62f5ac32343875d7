import { ErrorCode, isTerminalStatus, JobErrorCode } from '@jobs/contracts';
import { useRoute } from 'preact-iso';
import { ProblemMessage } from '../../components/problem-message.js';
import { ProgressBar } from '../../components/progress-bar.js';
import { StatusBadge } from '../../components/status-badge.js';
import { PATHS } from '../../paths.js';
import { CopyCurlButton } from './copy-curl-button.js';
import { JobAttempts } from './job-attempts.js';
import { JobActionButtons } from './job-action-buttons.js';
import { JobDetails } from './job-details.js';
import { JobLogs } from './job-logs.js';
import { JobUnavailable } from './job-unavailable.js';
import { JobWebhookDetails } from './job-webhook.js';
import { JsonBlock } from './json-block.js';
import { ResultSection } from './result/result-section.js';
import { TimelineList } from './timeline-list.js';
import { useLiveJob } from './use-live-job.js';
import './job-page.css';

/** One job: every field, its timeline, live status and progress while it runs, its typed result, and what may be done with it. */
export function JobPage() {
  const id = useRoute().params['id'] ?? '';
  const live = useLiveJob(id);
  const { job } = live;

  if (live.loadError && !job) return <JobUnavailable id={id} error={live.loadError} onRetry={live.follow} />;
  if (!job) {
    return (
      <section class="job-page">
        <p class="muted" role="status">
          Loading the job…
        </p>
      </section>
    );
  }

  return (
    <section class="job-page" aria-labelledby="job-title">
      <p class="breadcrumb">
        <a href={PATHS.jobs}>← Jobs</a>
      </p>
      <header class="job-header">
        <h1 id="job-title">
          <span class="job-type">{job.type}</span> <StatusBadge status={job.status} />
        </h1>
        <span class="live-indicator" role="status">
          {live.live ? 'Live' : ''}
        </span>
        <code class="job-header-id">{job.id}</code>
      </header>

      {job.status === 'PROCESSING' || job.progress ? (
        <div class="job-progress">
          <ProgressBar progress={job.progress} label="Progress" />
          {job.progress?.message ? <span class="progress-message">{job.progress.message}</span> : null}
        </div>
      ) : null}

      {job.error ? (
        <div class="job-error">
          <strong>Error</strong> <code class="problem-code">{job.error.code}</code> <span class="job-error-message">{job.error.message}</span>
        </div>
      ) : null}
      {live.streamError?.code === ErrorCode.JOB_NOT_FOUND ? (
        <p class="notice" role="alert">
          This job was deleted meanwhile. <a href={PATHS.jobs}>Back to the jobs</a>
        </p>
      ) : null}
      {live.streamError?.code === JobErrorCode.TIMEOUT && !job.error ? (
        <p class="notice" role="alert">
          {live.streamError.message} <code>{live.streamError.code}</code>
        </p>
      ) : null}
      <ProblemMessage error={live.liveError} prefix="Live updates stopped; what is shown may be out of date:" />
      <ProblemMessage error={live.loadError} prefix="Could not read the job again:" />

      <div class="job-toolbar">
        <JobActionButtons job={job} onChanged={live.changed} onRetried={live.follow} />
        <CopyCurlButton jobId={job.id} />
      </div>

      <div class="job-columns">
        <section aria-labelledby="job-details-title">
          <h2 id="job-details-title">Details</h2>
          <JobDetails job={job} />
        </section>
        <div>
          <section aria-labelledby="job-timeline-title">
            <h2 id="job-timeline-title">Timeline</h2>
            <TimelineList job={job} />
          </section>
          <section aria-labelledby="job-webhook-title">
            <h2 id="job-webhook-title">Webhook</h2>
            <JobWebhookDetails webhook={job.webhook} />
          </section>
        </div>
      </div>

      <section aria-labelledby="job-attempts-title">
        <h2 id="job-attempts-title">Attempts</h2>
        <JobAttempts job={job} />
      </section>
      <section aria-labelledby="job-result-title">
        <h2 id="job-result-title">Result</h2>
        <ResultSection job={job} />
      </section>
      <JobLogs jobId={job.id} runAt={job.runAt} finished={isTerminalStatus(job.status)} />
      <div class="job-columns">
        <section aria-labelledby="job-payload-title">
          <h2 id="job-payload-title">Payload</h2>
          <JsonBlock value={job.payload} label="The payload as JSON" />
        </section>
        <section aria-labelledby="job-metadata-title">
          <h2 id="job-metadata-title">Metadata</h2>
          <JsonBlock value={job.metadata} label="The metadata as JSON" />
        </section>
      </div>
    </section>
  );
}
