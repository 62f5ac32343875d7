import { useLocation } from 'preact-iso';
import { useSession } from '../api/session.js';
import { type ViewScope, viewScopeOf, viewScopeQuery } from './view-scope.js';

/** The page's view scope from the URL, and the API query parameters it stands for. */
export function useViewScope(): { scope: ViewScope; query: { scope?: 'all'; ownerId?: string } } {
  const { caller } = useSession();
  const { query } = useLocation();
  const scope = viewScopeOf(query['view'], caller);
  return { scope, query: viewScopeQuery(scope, caller) };
}
