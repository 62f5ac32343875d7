import { JobStatus, type StatusCounts } from '@jobs/contracts';

/** The statuses in lifecycle order, as the figures and tables list them. */
export const STATUSES_IN_ORDER: readonly JobStatus[] = Object.values(JobStatus);

export const STATUS_LABELS: Record<JobStatus, string> = {
  PENDING: 'Pending',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  FAILED: 'Failed',
  CANCELLED: 'Cancelled',
};

export interface TypeRow extends StatusCounts {
  type: string;
}

/** The stats route's `byType` as table rows: the busiest types first, then by name. */
export function typeRows(byType: Record<string, StatusCounts>): TypeRow[] {
  return Object.entries(byType)
    .map(([type, counts]) => ({ type, ...counts }))
    .sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
}
