import type { JobStatus } from './job-status.js';

/** `GET /v1/jobs/stats`. */
export interface JobStatsQuery {
  /** Admins only: every owner's jobs. */
  scope?: 'all';
  /** Admins only: one owner's jobs. */
  ownerId?: string;
  /** Recompute instead of serving the briefly cached figures. */
  refresh?: boolean;
}

export interface StatusCounts {
  total: number;
  byStatus: Record<JobStatus, number>;
}

export interface CompletedDurations {
  /** Jobs completed in the last 24 hours. */
  count: number;
  meanMs: number | null;
  p95Ms: number | null;
}

export interface JobStatsResponse {
  /** Whose jobs: the caller's and their organisation's (`mine`), one owner's (`owner`, admins), or every owner's (`all`, admins). */
  scope: 'mine' | 'owner' | 'all';
  total: number;
  byStatus: Record<JobStatus, number>;
  byType: Record<string, StatusCounts>;
  completedLast24h: CompletedDurations;
  /** How long the longest-waiting runnable PENDING job has waited since its runAt; null when none waits. */
  oldestPendingAgeMs: number | null;
  generatedAt: string;
}
