import { useLocation } from 'preact-iso';
import { VIEW_SCOPE_LABELS, type ViewScope } from '../../view/view-scope.js';

/** Said instead of the figures in the "my jobs" view, which the stats route cannot count (it takes no owner). */
export function StatsUnavailable() {
  const location = useLocation();
  const linkTo = (scope: ViewScope) => {
    const params = new URLSearchParams(location.query);
    if (scope === 'org') params.delete('view');
    else params.set('view', scope);
    const search = params.toString();
    return `${location.path}${search ? `?${search}` : ''}`;
  };
  return (
    <section class="overview-section" aria-labelledby="figures-heading">
      <h2 id="figures-heading">Figures</h2>
      <p class="info-note">
        The figures are not available for “{VIEW_SCOPE_LABELS.mine}”: the stats route counts your and your organisation’s jobs, or every
        owner’s, but not one owner’s alone. Show <a href={linkTo('org')}>{VIEW_SCOPE_LABELS.org}</a> or{' '}
        <a href={linkTo('all')}>{VIEW_SCOPE_LABELS.all}</a> to see them.
      </p>
    </section>
  );
}
