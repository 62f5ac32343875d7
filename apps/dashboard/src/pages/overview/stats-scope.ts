import type { JobStatsQuery } from '@jobs/contracts';
import type { ViewScope } from '../../view/view-scope.js';

/**
 * The stats route's query for a view, or null when it has none: the route counts the caller's and
 * their organisation's jobs (the default) or, for admins, every owner's (`scope=all`), but it takes
 * no `ownerId`, so "my jobs" alone has no figures.
 */
export function statsQueryFor(scope: ViewScope): JobStatsQuery | null {
  switch (scope) {
    case 'org':
      return {};
    case 'all':
      return { scope: 'all' };
    case 'mine':
      return null;
  }
}
