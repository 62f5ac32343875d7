import type { JobStatsQuery } from '@jobs/contracts';
import { useSession } from '../../api/session.js';
import { useApiData } from '../../api/use-api-data.js';
import { usePeriodicReload } from '../../api/use-periodic-reload.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatInstant } from '../../format/format.js';
import type { ViewScope } from '../../view/view-scope.js';
import { scopeDescription } from './scope-description.js';
import { StatsFigures } from './stats-figures.js';
import { TypesTable } from './types-table.js';

export const OVERVIEW_REFRESH_MS = 15_000;

/** GET /v1/jobs/stats for the view: headline figures and the table by type, refreshed while the tab is visible. */
export function StatsSection(props: { scope: ViewScope; query: JobStatsQuery }) {
  const { scope, query } = props;
  const stats = useApiData((client, signal) => client.stats(query, { signal }), JSON.stringify(query));
  usePeriodicReload(stats.reload, OVERVIEW_REFRESH_MS);
  const { caller } = useSession();

  return (
    <section class="overview-section" aria-labelledby="figures-heading">
      <div class="section-head">
        <h2 id="figures-heading">Figures</h2>
        <p class="muted">
          {scopeDescription(scope, caller)}
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
