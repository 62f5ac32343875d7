import type { CallerResponse, JobStatus, JobSummary } from '@jobs/contracts';

export type JobAction = 'cancel' | 'retry' | 'delete';

/** The statuses each action starts from, as the API's transitions have them (packages/jobs status-transitions.ts). */
const ACTION_STATUSES: Record<JobAction, readonly JobStatus[]> = {
  cancel: ['PENDING', 'PROCESSING'],
  retry: ['FAILED', 'CANCELLED'],
  delete: ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'],
};

export interface ActionAvailability {
  /** Actions that apply to the job's status: the page offers these. */
  offered: JobAction[];
  /** Whether the caller may change the job: its owner or an admin; an organisation member may only look. */
  mayChange: boolean;
}

export function actionsFor(job: Pick<JobSummary, 'status' | 'ownerId'>, caller: Pick<CallerResponse, 'sub' | 'admin'>): ActionAvailability {
  const offered = (Object.keys(ACTION_STATUSES) as JobAction[]).filter((action) => ACTION_STATUSES[action].includes(job.status));
  return { offered, mayChange: caller.admin || caller.sub === job.ownerId };
}
