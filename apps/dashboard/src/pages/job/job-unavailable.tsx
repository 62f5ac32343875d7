import { isJobsApiError } from '@jobs/client';
import { ErrorCode } from '@jobs/contracts';
import { ProblemMessage } from '../../components/problem-message.js';
import { PATHS } from '../../paths.js';

/**
 * Why the job cannot be shown. Another owner's job is not found either (the API answers 404 for
 * both, so ids cannot be probed); an id that is no job id is the API's 400.
 */
export function JobUnavailable(props: { id: string; error: unknown; onRetry(): void }) {
  const { error } = props;
  const notFound = isJobsApiError(error, ErrorCode.JOB_NOT_FOUND);
  const invalid = isJobsApiError(error, ErrorCode.VALIDATION_FAILED);
  return (
    <section class="job-page">
      <h1>{notFound ? 'Job not found' : invalid ? 'Not a job id' : 'Could not read the job'}</h1>
      {notFound ? (
        <p>
          No job <code class="wrap">{props.id}</code> is visible to you: it does not exist, was deleted, or belongs to someone outside your organisation.
        </p>
      ) : null}
      {invalid ? (
        <p>
          <code class="wrap">{props.id}</code> is not a job id: job ids are UUIDs.
        </p>
      ) : null}
      <ProblemMessage error={error} />
      <p class="unavailable-links">
        <a href={PATHS.jobs}>Back to the jobs</a>
        {notFound || invalid ? null : (
          <button type="button" class="secondary" onClick={() => props.onRetry()}>
            Try again
          </button>
        )}
      </p>
    </section>
  );
}
