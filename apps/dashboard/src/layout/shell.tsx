import type { ComponentChildren } from 'preact';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../api/session.js';
import { formatRelative } from '../format/format.js';
import { PATHS } from '../paths.js';
import { useViewScope } from '../view/use-view-scope.js';
import { VIEW_SCOPE_LABELS, VIEW_SCOPES, type ViewScope } from '../view/view-scope.js';
import { ConnectionBanner } from './connection-banner.js';

/** A path as the router gives it: without a trailing slash (the jobs page, `/dashboard/`, is `/dashboard`). */
const routed = (path: string) => path.replace(/\/+$/, '');

const NAVIGATION = [
  { href: PATHS.jobs, label: 'Jobs', matches: (path: string) => path === routed(PATHS.jobs) || path.startsWith(`${PATHS.jobs}jobs/`) },
  { href: PATHS.submit, label: 'Submit', matches: (path: string) => path === PATHS.submit },
  { href: PATHS.overview, label: 'Overview', matches: (path: string) => path === PATHS.overview },
  { href: PATHS.schedules, label: 'Schedules', matches: (path: string) => path === PATHS.schedules || path.startsWith(`${PATHS.schedules}/`) },
] as const;

/** The pages whose figures depend on the view scope; elsewhere the switch would do nothing. */
const SCOPED_PAGES = new Set<string>([routed(PATHS.jobs), PATHS.overview]);

/** Header (navigation, who is signed in, the admin's view switch, sign-out), the connection banner and the page. */
export function Shell(props: { children: ComponentChildren }) {
  const { caller, signOut } = useSession();
  const location = useLocation();
  const { scope } = useViewScope();
  const links = caller.admin ? [...NAVIGATION, { href: PATHS.admin, label: 'Admin', matches: (path: string) => path === PATHS.admin }] : NAVIGATION;

  const chooseScope = (next: ViewScope) => {
    const params = new URLSearchParams(location.query);
    if (next === 'org') params.delete('view');
    else params.set('view', next);
    const search = params.toString();
    location.route(`${location.path}${search ? `?${search}` : ''}`);
  };

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="shell-header">
        <a class="brand" href={PATHS.jobs}>
          Jobs
        </a>
        <nav aria-label="Main">
          {links.map((link) => (
            <a key={link.href} href={link.href} aria-current={link.matches(location.path) ? 'page' : undefined}>
              {link.label}
            </a>
          ))}
        </nav>
        {caller.admin && SCOPED_PAGES.has(location.path) ? (
          <label class="view-scope">
            <span>Showing</span>
            <select value={scope} onChange={(event) => chooseScope(event.currentTarget.value as ViewScope)}>
              {VIEW_SCOPES.map((value) => (
                <option key={value} value={value}>
                  {VIEW_SCOPE_LABELS[value]}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <CallerBadge />
        <button type="button" class="secondary" onClick={() => signOut()}>
          Sign out
        </button>
      </header>
      <ConnectionBanner />
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}

function CallerBadge() {
  const { caller } = useSession();
  const now = useNow(30_000);
  return (
    <div class="caller" aria-label="Signed in as">
      <span class="caller-sub">{caller.sub}</span>
      {caller.org ? <span class="caller-org">org {caller.org}</span> : null}
      {caller.roles.length > 0 ? <span class="caller-roles">{caller.roles.join(', ')}</span> : null}
      {caller.tokenExpiresAt ? (
        <span class="caller-expiry" title={caller.tokenExpiresAt}>
          token expires {formatRelative(caller.tokenExpiresAt, now)}
        </span>
      ) : null}
    </div>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
