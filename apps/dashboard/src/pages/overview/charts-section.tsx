import { useLocation } from 'preact-iso';
import { useSession } from '../../api/session.js';
import { useApiData } from '../../api/use-api-data.js';
import { usePeriodicReload } from '../../api/use-periodic-reload.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { formatInstant } from '../../format/format.js';
import { useViewScope } from '../../view/use-view-scope.js';
import { DurationsChart } from './durations-chart.js';
import { RANGE_SPECS, rangeOf, timelineQuery } from './range.js';
import { RangePicker } from './range-picker.js';
import { scopeDescription } from './scope-description.js';
import { OVERVIEW_REFRESH_MS } from './stats-section.js';
import { TimelineChart } from './timeline-chart.js';

/** GET /v1/jobs/stats/timeline for the view and the URL's range: jobs over time and durations by type, refreshed while the tab is visible. */
export function ChartsSection() {
  const { caller } = useSession();
  const { scope, query: scopeQuery } = useViewScope();
  const range = rangeOf(useLocation().query['range']);
  const spec = RANGE_SPECS[range];
  // The window is worked out at each load, so a refresh moves it on.
  const timeline = useApiData(
    (client, signal) => client.statsTimeline({ ...scopeQuery, ...timelineQuery(range, Date.now()) }, { signal }),
    JSON.stringify([scopeQuery, range]),
  );
  usePeriodicReload(timeline.reload, OVERVIEW_REFRESH_MS);

  return (
    <section class="overview-section" aria-labelledby="charts-heading">
      <div class="section-head">
        <h2 id="charts-heading">Over time</h2>
        <p class="muted">
          {scopeDescription(scope, caller)}
          {timeline.data ? <> · as of {formatInstant(timeline.data.generatedAt)}</> : null}
        </p>
      </div>
      <RangePicker range={range} />
      <ProblemMessage error={timeline.error} prefix="Could not load the charts:" />
      {timeline.data ? (
        <div class="charts">
          <TimelineChart timeline={timeline.data} rangeLabel={spec.label} per={spec.per} />
          <DurationsChart durations={timeline.data.durations} rangeLabel={spec.label} />
        </div>
      ) : timeline.loading ? (
        <p class="muted">Loading the charts…</p>
      ) : null}
    </section>
  );
}
