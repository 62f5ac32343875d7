import { JobStatus } from '@jobs/contracts';

/** A status a job can be in before it ends, with the attempts made so far. */
export interface RunStep {
  status: typeof JobStatus.PENDING | typeof JobStatus.PROCESSING;
  attempts: number;
}

/**
 * Every run of a job (from its submission or a retry until it ends) passes through the same steps,
 * numbered so that they only grow: waiting (PENDING, step 0), attempt 1 (PROCESSING, step 1), waiting
 * for the retry (PENDING, step 2), attempt 2 (step 3), … So the step alone tells which status changes
 * came before it, and status changes can be replayed from a job's current row without a history.
 * A worker lost mid-attempt leaves its job PROCESSING until the queue hands it to the next claim; that
 * wait is the same step as any other wait for a retry.
 */
export function runStep(status: RunStep['status'], attempts: number): number {
  return status === JobStatus.PENDING ? 2 * attempts : 2 * attempts - 1;
}

/** The status and attempts of a step. */
export function stepStatus(step: number): RunStep {
  return step % 2 === 0 ? { status: JobStatus.PENDING, attempts: step / 2 } : { status: JobStatus.PROCESSING, attempts: (step + 1) / 2 };
}

/**
 * The last step a job that ended after `attempts` attempts surely went through: the start of its last
 * attempt (or its first wait, when it never ran). It may have waited for a retry once more after that
 * (step + 1) before it was cancelled or its worker was given up on; its row does not tell.
 */
export function lastSureStep(attempts: number): number {
  return attempts === 0 ? 0 : runStep(JobStatus.PROCESSING, attempts);
}
