import type { CallerResponse } from '@jobs/contracts';
import type { ViewScope } from '../../view/view-scope.js';

/** Whose jobs a section counts, in words. */
export function scopeDescription(scope: ViewScope, caller: CallerResponse): string {
  if (scope === 'all') return 'Every owner’s jobs';
  if (scope === 'mine' || caller.org === null) return 'Your jobs';
  return `Your jobs and organisation ${caller.org}’s`;
}
