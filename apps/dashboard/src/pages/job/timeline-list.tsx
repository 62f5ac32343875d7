import type { JobSummary } from '@jobs/contracts';
import { Instant } from './instant.js';
import { timelineOf } from './job-timeline.js';

/** The job's timeline as an ordered list; the error of a failed job below it, as text. */
export function TimelineList(props: { job: JobSummary }) {
  const { job } = props;
  return (
    <>
      <ol class="timeline">
        {timelineOf(job, Date.now()).map((entry) => (
          <li key={entry.key} class={`timeline-entry timeline-${entry.tone}`}>
            <span class="timeline-label">{entry.label}</span> {entry.at ? <Instant iso={entry.at} /> : null}
            {entry.detail ? <span class="timeline-detail">{entry.detail}</span> : null}
          </li>
        ))}
      </ol>
      <p class="hint">Earlier attempts appear only as a count: the API keeps the latest attempt’s times and error.</p>
    </>
  );
}
