import { isJobsApiError } from '@jobs/client';
import { ErrorCode, type JobFeedQuery, type ListJobsQuery } from '@jobs/contracts';
import type { RowSelectionState } from '@tanstack/preact-table';
import { useLocation } from 'preact-iso';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useSession } from '../../api/session.js';
import { useApiData } from '../../api/use-api-data.js';
import { ProblemMessage } from '../../components/problem-message.js';
import { PATHS } from '../../paths.js';
import { useViewScope } from '../../view/use-view-scope.js';
import { BulkBar } from './bulk-bar.js';
import { CursorTrail } from './cursor-trail.js';
import { JOBS_COLUMNS, JOBS_COLUMNS_WITH_OWNER } from './jobs-columns.js';
import { JobsFilters } from './jobs-filters.js';
import { hasFilters, type JobsListState, jobsListSearch, listingKey, listJobsQuery, parseJobsListState, withFilters, withoutFilters } from './jobs-list-state.js';
import { JobsPager } from './jobs-pager.js';
import { JobsTable } from './jobs-table.js';
import { MatchingActions } from './matching-actions.js';
import './jobs-page.css';
import { useJobsList } from './use-jobs-list.js';
import { type LiveTarget, useLiveJobs } from './use-live-jobs.js';
import { useTotalOnDemand } from './use-total-on-demand.js';

/** The way back through pages reached by "next", for the whole session (leaving the page and returning keeps it). */
const trail = new CursorTrail();

/** Rows drawn while the first page loads: about a screenful, so the page does not jump when they come. */
const PLACEHOLDER_ROWS = 10;

/**
 * The jobs list: every filter of `GET /v1/jobs`, sort, page size and cursor in the URL; the view
 * scope from the shell. The total is read with every page where the listing is bounded by one
 * owner or organisation (a count over that scope's rows, which the listing's own sorts read too);
 * across every owner it is counted on request only. The jobs feed keeps the page live.
 */
export function JobsPage() {
  const { caller } = useSession();
  const location = useLocation();
  const { scope, query: scopeQuery } = useViewScope();
  const state = useMemo(() => parseJobsListState(location.query), [location.url]);
  const listing = `${scope}${listingKey(state)}`;
  const countsEveryPage = scope !== 'all';
  const query: ListJobsQuery = { ...listJobsQuery(state), ...scopeQuery, ...(countsEveryPage ? { includeTotal: true } : {}) };
  const key = JSON.stringify(query);
  const liveTarget = useRef<LiveTarget | null>(null);
  const feedQuery: JobFeedQuery = { ...scopeQuery, ...(state.type.length > 0 ? { type: state.type } : {}) };
  // The feed is asked for before the page, so that no change falls between the two.
  const live = useLiveJobs(feedQuery, key, liveTarget);
  const list = useJobsList(query, key);
  liveTarget.current = { rows: list.rows, state, patch: list.patch, refresh: list.refresh };
  const onDemand = useTotalOnDemand(query, listing);
  const jobTypes = useApiData((client, signal) => client.jobTypes({ signal }), 'job-types');
  const [selection, setSelection] = useState<RowSelectionState>({});
  useEffect(() => setSelection({}), [key]);

  const hrefOf = (next: JobsListState) => `${PATHS.jobs}${jobsListSearch(next, location.query)}`;
  const go = (next: JobsListState) => location.route(hrefOf(next));
  const rows = list.rows ?? [];
  const selectedIds = rows.filter((row) => selection[row.id]).map((row) => row.id);
  const step = trail.stepTo(listing, state.cursor);
  const invalidCursor = isJobsApiError(list.error, ErrorCode.INVALID_CURSOR);
  const showOwner = scope === 'all' || (scope === 'org' && caller.org !== null);

  return (
    <section class="jobs-page">
      <div class="jobs-heading">
        <h1>Jobs</h1>
        {live.announced > 0 ? (
          <p class="new-jobs" role="status">
            {`${live.announced} new ${live.announced === 1 ? 'job' : 'jobs'} — `}
            <button type="button" class="secondary small" onClick={() => go(withFilters(state, { sort: 'createdAt', order: 'desc' }))}>
              show
            </button>
          </p>
        ) : null}
      </div>
      <JobsFilters state={state} jobTypes={jobTypes.data?.data ?? null} onChange={go} />
      <BulkBar
        selectedIds={selectedIds}
        onDone={() => {
          setSelection({});
          list.refresh();
        }}
      />
      <MatchingActions state={state} onDone={() => list.refresh()} />
      <ProblemMessage error={live.error} prefix="Live updates stopped:" />
      <ProblemMessage error={jobTypes.error} prefix="Could not read the job types:" />
      <ProblemMessage error={onDemand.error} prefix="Could not count the jobs:" />
      {list.error ? (
        <div class="list-problem">
          <ProblemMessage error={list.error} prefix={invalidCursor ? 'This page link no longer works:' : 'Could not list the jobs:'} />
          {invalidCursor ? <a href={hrefOf({ ...state, cursor: null })}>Go to the first page</a> : null}
        </div>
      ) : null}
      {invalidCursor ? null : (
        <JobsTable
          rows={rows}
          columns={showOwner ? JOBS_COLUMNS_WITH_OWNER : JOBS_COLUMNS}
          sort={{ field: state.sort, order: state.order }}
          onSort={(sort, order) => go(withFilters(state, { sort, order }))}
          selection={selection}
          onSelectionChange={setSelection}
          placeholderRows={list.rows === null && list.loading ? PLACEHOLDER_ROWS : 0}
          busy={list.loading}
        />
      )}
      <p class="list-status" aria-live="polite">
        {list.loading ? 'Loading jobs…' : null}
        {!list.loading && !list.error && list.rows?.length === 0 ? (
          hasFilters(state) ? (
            <>
              No jobs match these filters.{' '}
              <button type="button" class="secondary small" onClick={() => go(withoutFilters(state))}>
                Clear filters
              </button>
            </>
          ) : state.cursor !== null ? (
            'No more jobs on this page.'
          ) : (
            <>
              No jobs yet. <a href={PATHS.submit}>Submit one</a>.
            </>
          )
        ) : null}
      </p>
      {list.rows === null ? null : (
        <JobsPager
          firstHref={state.cursor === null ? null : hrefOf({ ...state, cursor: null })}
          previousHref={state.cursor !== null && step ? hrefOf({ ...state, cursor: step.previous }) : null}
          nextHref={list.hasMore && list.nextCursor ? hrefOf({ ...state, cursor: list.nextCursor }) : null}
          onNext={() => {
            if (list.nextCursor) trail.advance(listing, state.cursor, list.nextCursor);
          }}
          step={step}
          shown={rows.length}
          total={list.total ?? onDemand.total}
          onCount={countsEveryPage ? null : onDemand.count}
        />
      )}
    </section>
  );
}
