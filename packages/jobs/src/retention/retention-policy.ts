import { TERMINAL_JOB_STATUSES } from '@jobs/contracts';
import type { JobFilters } from '../reads/job-filters.js';

/** How long finished jobs are kept: a default for every type, and ages (or `null`, for ever) for some types. */
export interface RetentionPolicy {
  /** Seconds after finishing that a job of a type without its own age is purged; none when null. */
  defaultAgeSeconds: number | null;
  /** Per type: seconds, or null to keep that type's jobs whatever the default. */
  ageSecondsByType: ReadonlyMap<string, number | null>;
}

/** One purge of a retention run: the jobs it covers and what the run reports it as (`default` or the type). */
export interface RetentionRule {
  name: string;
  filters: JobFilters;
}

/** Whether the policy purges anything at all (retention is off by default). */
export function retentionEnabled(policy: RetentionPolicy): boolean {
  return policy.defaultAgeSeconds !== null || [...policy.ageSecondsByType.values()].some((age) => age !== null);
}

/**
 * The purges a run makes at `now`: one per type with an age of its own, and one for every other
 * type under the default. Only finished jobs (COMPLETED, FAILED, CANCELLED), by when they finished.
 */
export function retentionRules(policy: RetentionPolicy, now: Date): RetentionRule[] {
  const finishedBefore = (ageSeconds: number) => new Date(now.getTime() - ageSeconds * 1000);
  const base = { scope: { kind: 'all' } as const, statuses: [...TERMINAL_JOB_STATUSES] };
  const rules: RetentionRule[] = [];
  for (const [type, ageSeconds] of policy.ageSecondsByType) {
    if (ageSeconds !== null) rules.push({ name: type, filters: { ...base, types: [type], finishedTo: finishedBefore(ageSeconds) } });
  }
  if (policy.defaultAgeSeconds !== null) {
    const excludedTypes = [...policy.ageSecondsByType.keys()];
    rules.push({
      name: 'default',
      filters: { ...base, finishedTo: finishedBefore(policy.defaultAgeSeconds), ...(excludedTypes.length > 0 ? { excludedTypes } : {}) },
    });
  }
  return rules;
}
