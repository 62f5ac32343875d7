import { useViewScope } from '../../view/use-view-scope.js';
import { ChartsSection } from './charts-section.js';
import './overview.css';
import { StatsSection } from './stats-section.js';
import { statsQueryFor } from './stats-scope.js';
import { StatsUnavailable } from './stats-unavailable.js';

/** The stats route's figures and the timeline route's charts, for the view the header chooses. */
export function OverviewPage() {
  const { scope } = useViewScope();
  const statsQuery = statsQueryFor(scope);
  return (
    <section class="overview">
      <h1>Overview</h1>
      {statsQuery ? <StatsSection scope={scope} query={statsQuery} /> : <StatsUnavailable />}
      <ChartsSection />
    </section>
  );
}
