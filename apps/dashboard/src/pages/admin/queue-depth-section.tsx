import '../../components/data-table.css';
import { useApiData } from '../../api/use-api-data.js';
import { usePeriodicReload } from '../../api/use-periodic-reload.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatDuration, formatInstant } from '../../format/format.js';
import { formatCount } from '../../format/format-count.js';
import { queueDepthRows } from './queue-depth.js';

const REFRESH_MS = 15_000;
const QUERY = { scope: 'all' } as const;

/** Jobs waiting and running per type across every owner (GET /v1/jobs/stats?scope=all), refreshed while the tab is visible. */
export function QueueDepthSection(props: { reloads: number }) {
  const stats = useApiData((client, signal) => client.stats(QUERY, { signal }), `queue-depth:${props.reloads}`);
  usePeriodicReload(stats.reload, REFRESH_MS);
  const rows = stats.data ? queueDepthRows(stats.data.byType) : [];

  return (
    <section class="admin-section" aria-labelledby="queue-depth-heading">
      <div class="section-head">
        <h2 id="queue-depth-heading">Queue depth</h2>
        {stats.data ? <p class="muted">Every owner’s jobs · as of {formatInstant(stats.data.generatedAt)}</p> : null}
      </div>
      <ProblemMessage error={stats.error} prefix="Could not load the queue depth:" />
      {stats.data ? (
        <>
          <p>
            Oldest runnable pending job waiting:{' '}
            <strong class="oldest-pending">
              {stats.data.oldestPendingAgeMs === null ? 'none waiting' : formatDuration(stats.data.oldestPendingAgeMs)}
            </strong>
          </p>
          {rows.length === 0 ? (
            <p class="muted">No job is waiting or running.</p>
          ) : (
            <div class="table-scroll">
              <table class="data-table queue-depth">
                <caption>Pending and processing jobs per type</caption>
                <thead>
                  <tr>
                    <th scope="col">Type</th>
                    <th scope="col" class="num">
                      Pending
                    </th>
                    <th scope="col" class="num">
                      Processing
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.type}>
                      <th scope="row">{row.type}</th>
                      <td class="num">{formatCount(row.pending)}</td>
                      <td class="num">{formatCount(row.processing)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">All types</th>
                    <td class="num">{formatCount(stats.data.byStatus.PENDING)}</td>
                    <td class="num">{formatCount(stats.data.byStatus.PROCESSING)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      ) : stats.loading ? (
        <p class="muted">Loading the queue depth…</p>
      ) : null}
    </section>
  );
}
