import type { AttemptOutcome, JobAttempt, JobSummary } from '@jobs/contracts';
import { useApiData } from '../../api/use-api-data.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatDuration } from '../../format/format.js';
import { Instant } from './instant.js';
import './job-attempts.css';

const OUTCOME_LABELS: Record<AttemptOutcome, string> = {
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  RETRIED: 'Failed, retried',
  TIMED_OUT: 'Timed out',
  CANCELLED: 'Cancelled',
  LOST: 'Worker lost',
};

/**
 * Every attempt of the job in a table: its worker, times, outcome and error. Read again whenever
 * the job's attempt count or status changes (a new attempt started, or the current one ended).
 */
export function JobAttempts(props: { job: JobSummary }) {
  const { job } = props;
  const attempts = useApiData((client, signal) => client.attempts(job.id, { signal }), `${job.id}:${job.attempts}:${job.status}`);
  const items = attempts.data?.items ?? [];
  const runs = new Set(items.map((attempt) => attempt.run)).size;
  return (
    <div class="job-attempts">
      <ProblemMessage error={attempts.error} prefix="Could not read the attempts:" />
      {attempts.data && items.length === 0 ? <p class="muted">No attempt yet: the job has not started.</p> : null}
      {items.length > 0 ? (
        <div class="attempts-scroll">
          <table class="attempts-table">
            <thead>
              <tr>
                {runs > 1 ? <th scope="col">Run</th> : null}
                <th scope="col">Attempt</th>
                <th scope="col">Worker</th>
                <th scope="col">Started</th>
                <th scope="col">Finished</th>
                <th scope="col">Duration</th>
                <th scope="col">Outcome</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {items.map((attempt) => (
                <AttemptRow key={`${attempt.run}.${attempt.number}`} attempt={attempt} showRun={runs > 1} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function AttemptRow(props: { attempt: JobAttempt; showRun: boolean }) {
  const { attempt } = props;
  return (
    <tr>
      {props.showRun ? <td>{attempt.run}</td> : null}
      <td>{attempt.number}</td>
      <td>{attempt.worker ? <span title={attempt.worker.id}>{`${attempt.worker.host} (pid ${attempt.worker.pid})`}</span> : <span class="muted">unknown</span>}</td>
      <td>
        <Instant iso={attempt.startedAt} />
      </td>
      <td>
        <Instant iso={attempt.finishedAt} />
      </td>
      <td>{formatDuration(attempt.durationMs)}</td>
      <td>
        {attempt.outcome ? (
          <span class={`attempt-outcome attempt-outcome-${attempt.outcome.toLowerCase()}`}>{OUTCOME_LABELS[attempt.outcome]}</span>
        ) : (
          <span class="attempt-outcome attempt-outcome-running">Running</span>
        )}
      </td>
      <td class="wrap">
        {attempt.error ? (
          <>
            <code class="problem-code">{attempt.error.code}</code> {attempt.error.message}
          </>
        ) : (
          <span class="muted">—</span>
        )}
      </td>
    </tr>
  );
}
