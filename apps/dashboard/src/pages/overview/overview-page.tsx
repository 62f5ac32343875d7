import { useViewScope } from '../../view/use-view-scope.js';
import { ChartsSection } from './charts-section.js';
import './overview.css';
import { StatsSection } from './stats-section.js';

/** The stats route's figures and the timeline route's charts, for the view the header chooses. */
export function OverviewPage() {
  const { scope, query } = useViewScope();
  return (
    <section class="overview">
      <h1>Overview</h1>
      <StatsSection scope={scope} query={query} />
      <ChartsSection />
    </section>
  );
}
