import type { CallerResponse } from '@jobs/contracts';

/**
 * Whose jobs a page shows. Everyone sees their own and their organisation's jobs (`org`, the API's
 * default); an admin may narrow that to their own (`mine`) or widen it to every owner (`all`). It
 * lives in the URL (`?view=`) so that a shared link shows the same jobs.
 */
export const VIEW_SCOPES = ['org', 'mine', 'all'] as const;
export type ViewScope = (typeof VIEW_SCOPES)[number];

export const VIEW_SCOPE_LABELS: Record<ViewScope, string> = {
  org: 'My organisation',
  mine: 'My jobs',
  all: 'All owners',
};

/** The view a URL asks for, as far as the caller may have it. */
export function viewScopeOf(value: string | undefined, caller: CallerResponse): ViewScope {
  if (!caller.admin) return 'org';
  return (VIEW_SCOPES as readonly string[]).includes(value ?? '') ? (value as ViewScope) : 'org';
}

/** The list, stats and feed routes' query parameters for a view. */
export function viewScopeQuery(scope: ViewScope, caller: CallerResponse): { scope?: 'all'; ownerId?: string } {
  if (scope === 'all') return { scope: 'all' };
  if (scope === 'mine') return { ownerId: caller.sub };
  return {};
}
