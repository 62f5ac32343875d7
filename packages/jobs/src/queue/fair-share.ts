import type { FairnessSettings } from '@jobs/contracts';

/** The tenant a job's queue entry is counted for (pg-boss's group): its organisation, or its owner. */
export function fairShareGroup(job: { ownerId: string; orgId: string | null }, fairness: FairnessSettings): string {
  return fairness.by === 'organisation' && job.orgId !== null ? `org:${job.orgId}` : `owner:${job.ownerId}`;
}

/**
 * How many running entries of a type one tenant may hold, across all workers, before the tenants
 * under theirs are served first: its share of one worker's slots for the type, rounded down, at
 * least one. Workers do not know how many others run, so the share is of a worker's slots: added
 * workers let more tenants run within their share at once, and lend everything else.
 */
export function tenantSlotLimit(fairness: FairnessSettings, workerSlots: number): number {
  return Math.max(1, Math.floor(fairness.share * workerSlots));
}
