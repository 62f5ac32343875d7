/**
 * Written in the order the OpenAPI document lists statuses: the Swagger plugin lists a union's
 * members in the order the compiler first meets them, and every use of a status (the object below
 * included) goes through this union, so this is that order.
 */
export type JobStatus = 'CANCELLED' | 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

/** Each status by name, in lifecycle order (`Object.values` lists them so in messages). */
export const JobStatus: { readonly [Status in JobStatus]: Status } = {
  PENDING: 'PENDING',
  PROCESSING: 'PROCESSING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
  CANCELLED: 'CANCELLED',
};

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = [JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED];

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}
