import { type JobScope, scopeIncludes } from '../viewer.js';
import type { JobOwnership } from './channels.js';

/** The jobs a feed follows: those of a scope, of some types only when `types` is set. */
export interface FeedFilter {
  scope: JobScope;
  types: ReadonlySet<string> | null;
}

/** Whether a new or changed job, as its notification describes it, belongs in the feed. */
export function feedIncludes(filter: FeedFilter, job: JobOwnership & { type: string }): boolean {
  return (filter.types === null || filter.types.has(job.type)) && scopeIncludes(filter.scope, job);
}
