/** What a path below /dashboard/ names: the app's page (index.html), a built asset, or nothing. */
export type DashboardTarget = { kind: 'page' } | { kind: 'asset'; path: string } | null;

/**
 * The app's own routes — `/dashboard/`, `/dashboard/<page>`, `/dashboard/jobs/<id>`,
 * `/dashboard/schedules/<id>` — get its page,
 * so that any of them can be opened directly; `assets/<file>` a built file; anything else is not found
 * (so a typo in an asset's path is a 404, not an HTML page a script tag would choke on).
 */
export function dashboardTarget(segments: readonly string[]): DashboardTarget {
  const [first, second, ...rest] = segments;
  if (first === undefined) return { kind: 'page' };
  if (first === 'assets') return second !== undefined && rest.length === 0 ? { kind: 'asset', path: `assets/${second}` } : null;
  if (second === undefined) return { kind: 'page' };
  return (first === 'jobs' || first === 'schedules') && rest.length === 0 ? { kind: 'page' } : null;
}
