import type { JobLogLine } from '@jobs/contracts';
import { ProblemMessage } from '../../components/problem-message.js';
import { logTime } from './job-log-lines.js';
import { useJobLogs } from './use-job-logs.js';
import './job-logs.css';

/** The lines the job's handler logged: level, time, attempt and message, fields on demand; live while the job runs. */
export function JobLogs(props: { jobId: string; runAt: string; finished: boolean }) {
  const logs = useJobLogs(props.jobId, props.runAt, props.finished);
  return (
    <section aria-labelledby="job-logs-title" class="job-logs">
      <h2 id="job-logs-title">
        Logs{' '}
        <span class="muted job-logs-count" role="status">
          {logs.loading ? 'loading…' : `${logs.lines.length.toLocaleString('en')} ${logs.lines.length === 1 ? 'line' : 'lines'}${logs.following ? ' · live' : ''}`}
        </span>
      </h2>
      <ProblemMessage error={logs.error} prefix="Could not read the job's log:" />
      {!logs.loading && logs.lines.length === 0 ? <p class="muted">{props.finished ? 'The job logged nothing.' : 'Nothing logged yet.'}</p> : null}
      {logs.lines.length > 0 ? (
        <ol class="log-lines" aria-label="Log lines">
          {logs.lines.map((line) => (
            <LogLine key={line.seq} line={line} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}

function LogLine(props: { line: JobLogLine }) {
  const { line } = props;
  const hasFields = line.fields !== null && Object.keys(line.fields).length > 0;
  return (
    <li class={`log-line log-${line.level}${line.truncated ? ' log-truncated' : ''}`} data-seq={line.seq}>
      <time dateTime={line.time} title={line.time}>
        {logTime(line.time)}
      </time>{' '}
      <span class="log-level">{line.level.toUpperCase()}</span>{' '}
      <span class="log-attempt" title={`attempt ${line.attempt}`}>
        #{line.attempt}
      </span>{' '}
      <span class="log-message">{line.message}</span>
      {hasFields ? (
        <details class="log-fields">
          <summary>fields</summary>
          <pre>{JSON.stringify(line.fields, null, 2)}</pre>
        </details>
      ) : null}
    </li>
  );
}
