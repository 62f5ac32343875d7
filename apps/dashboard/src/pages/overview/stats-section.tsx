import type { JobStatsQuery, JobStatsResponse } from '@jobs/contracts';
import { useSession } from '../../api/session.js';
import { useApiData } from '../../api/use-api-data.js';
import { usePeriodicReload } from '../../api/use-periodic-reload.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatInstant } from '../../format/format.js';
import { StatsFigures } from './stats-figures.js';
import { TypesTable } from './types-table.js';

export const OVERVIEW_REFRESH_MS = 15_000;

function useScopeDescription(scope: JobStatsResponse['scope']): string {
  const { caller } = useSession();
  if (scope === 'all') return 'Every owner’s jobs';
  return caller.org ? `Your jobs and organisation ${caller.org}’s` : 'Your jobs';
}

/** GET /v1/jobs/stats for the view: headline figures and the table by type, refreshed while the tab is visible. */
export function StatsSection(props: { query: JobStatsQuery }) {
  const { query } = props;
  const stats = useApiData((client, signal) => client.stats(query, { signal }), JSON.stringify(query));
  usePeriodicReload(stats.reload, OVERVIEW_REFRESH_MS);
  const scope = useScopeDescription(stats.data?.scope ?? (query.scope === 'all' ? 'all' : 'mine'));

  return (
    <section class="overview-section" aria-labelledby="figures-heading">
      <div class="section-head">
        <h2 id="figures-heading">Figures</h2>
        <p class="muted">
          {scope}
          {stats.data ? <> · as of {formatInstant(stats.data.generatedAt)}</> : null}
        </p>
      </div>
      <ProblemMessage error={stats.error} prefix="Could not load the figures:" />
      {stats.data ? (
        <>
          <StatsFigures stats={stats.data} />
          <TypesTable byType={stats.data.byType} />
        </>
      ) : stats.loading ? (
        <p class="muted">Loading the figures…</p>
      ) : null}
    </section>
  );
}
