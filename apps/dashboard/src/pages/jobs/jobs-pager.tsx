import type { TrailStep } from './cursor-trail.js';

export interface JobsPagerProps {
  /** Where the first, previous and next pages are (hrefs), null where there is none or it is unknown. */
  firstHref: string | null;
  previousHref: string | null;
  nextHref: string | null;
  /** Where this page sits, when the session walked here by "next" (or it is the first page). */
  step: TrailStep | null;
  shown: number;
  /** Every job the filters match, when it was asked for. */
  total: number | undefined;
  onNext(): void;
  /** Offered where the total is not read with every page (the admin's all-owners view). */
  onCount: (() => void) | null;
}

function PageLink(props: { href: string | null; label: string; rel?: string; onClick?: () => void }) {
  if (props.href === null) {
    return (
      <a class="button secondary" aria-disabled="true" role="link">
        {props.label}
      </a>
    );
  }
  return (
    <a class="button secondary" href={props.href} rel={props.rel} onClick={props.onClick}>
      {props.label}
    </a>
  );
}

/** Cursor paging: first, previous (when known), next; the page number and the total when known. */
export function JobsPager(props: JobsPagerProps) {
  const pageNumber = props.step && Number.isFinite(props.step.pageNumber) ? props.step.pageNumber : null;
  return (
    <nav class="jobs-pager" aria-label="Pages">
      <PageLink href={props.firstHref} label="First page" />
      <PageLink href={props.previousHref} label="Previous" rel="prev" />
      <PageLink href={props.nextHref} label="Next" rel="next" onClick={props.onNext} />
      <span class="pager-position" aria-live="polite">
        {pageNumber !== null ? `Page ${pageNumber}` : 'A later page'}
        {` · ${props.shown} shown`}
        {props.total !== undefined ? ` · ${props.total.toLocaleString('en')} ${props.total === 1 ? 'job matches' : 'jobs match'}` : null}
      </span>
      {props.total === undefined && props.onCount ? (
        <button type="button" class="secondary" onClick={props.onCount}>
          Count matching jobs
        </button>
      ) : null}
    </nav>
  );
}
