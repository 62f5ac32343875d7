import { PATHS } from '../../paths.js';
import { type BulkSummary, bulkHeadline, jobCount } from './bulk-outcomes.js';

/** What a bulk action did: how many went through, and the others grouped by the API's problem code. */
export function BulkSummaryMessage(props: { summary: BulkSummary; onDismiss(): void }) {
  const { summary } = props;
  return (
    <div class={`bulk-summary${summary.failures.length > 0 ? ' has-failures' : ''}`} role="status">
      <p>
        <strong>{bulkHeadline(summary)}</strong>{' '}
        <button type="button" class="secondary small" onClick={props.onDismiss}>
          Dismiss
        </button>
      </p>
      {summary.failures.length > 0 ? (
        <ul>
          {summary.failures.map((group) => (
            <li key={group.code}>
              {`${jobCount(group.jobIds.length)}: `}
              <code class="problem-code">{group.code}</code>
              {group.status !== null ? <span class="muted">{` (${group.status})`}</span> : null}
              {` — ${group.detail}`}
              <span class="bulk-job-ids">
                {group.jobIds.map((id) => (
                  <a key={id} href={PATHS.job(id)} class="job-id" title={id}>
                    {id.slice(0, 8)}
                  </a>
                ))}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
