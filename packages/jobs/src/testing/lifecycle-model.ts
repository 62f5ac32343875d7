/**
 * The job lifecycle as the product states it, kept in memory for the model-based test: written from
 * the product's rules, not from the package's transition table or statements.
 *
 * - A submitted job is PENDING with a queue entry waiting for a worker.
 * - A worker's fetch takes every waiting entry of a type; each job still PENDING (or PROCESSING under
 *   a lost worker) is claimed: PROCESSING, one attempt more, progress cleared. An entry whose job
 *   has already finished is acknowledged and needs nothing more.
 * - Only the claim a job currently runs under may complete it (storing its one result), fail it or
 *   report its progress. A failure that may help to retry, while attempts remain, makes the job
 *   PENDING again for a later delivery of its entry; otherwise the job FAILS.
 * - When a worker stops heartbeating the queue delivers its entry again while deliveries remain,
 *   and gives up on it otherwise; a job whose entry was given up on before it finished FAILS.
 * - Cancel: PENDING or PROCESSING only. Retry: FAILED or CANCELLED only, with attempts reset under a
 *   fresh entry. Delete and purge remove the job with everything of it.
 */

export type Status = 'PENDING' | 'PROCESSING' | 'COMPLETED' | 'FAILED' | 'CANCELLED';

/** An entry waits for a worker (new, or backing off before a redelivery), is out with one, is finished with, or was given up on. */
type EntryState = 'waiting' | 'delivered' | 'finished' | 'givenUp';

export interface ModelJob {
  type: string;
  maxAttempts: number;
  status: Status;
  attempts: number;
  hasResult: boolean;
  progress: number | null;
  deleted: boolean;
  /** The claim the job runs under while PROCESSING. */
  claim: number | null;
  /** Its queue entry: which one (a retry makes a new one), its state, and how often it was delivered. */
  entry: { generation: number; state: EntryState; deliveries: number };
}

/** An attempt a worker holds: the claim it got, and the delivery of which entry brought it. */
export interface ModelAttempt {
  job: number;
  claim: number;
  attempt: number;
  generation: number;
  delivery: number;
}

export type ControlOutcome = 'DONE' | 'JOB_NOT_FOUND' | 'JOB_ALREADY_FINISHED' | 'JOB_NOT_RETRYABLE';

export class LifecycleModel {
  readonly jobs: ModelJob[] = [];
  /** Attempts workers hold and have not ended yet, stale ones included. */
  readonly attempts: ModelAttempt[] = [];
  private claims = 0;
  private generations = 0;

  submit(type: string, maxAttempts: number): void {
    this.jobs.push({
      type,
      maxAttempts,
      status: 'PENDING',
      attempts: 0,
      hasResult: false,
      progress: null,
      deleted: false,
      claim: null,
      entry: this.newEntry(),
    });
  }

  /** A worker fetches every waiting entry of `type`; returns the jobs it claimed. */
  fetchAndClaim(type: string): number[] {
    const claimed: number[] = [];
    this.jobs.forEach((job, index) => {
      if (job.deleted || job.type !== type || job.entry.state !== 'waiting') return;
      job.entry.state = 'delivered';
      job.entry.deliveries += 1;
      if (job.status !== 'PENDING' && job.status !== 'PROCESSING') {
        job.entry.state = 'finished';
        return;
      }
      job.status = 'PROCESSING';
      job.attempts += 1;
      job.progress = null;
      job.claim = ++this.claims;
      this.attempts.push({ job: index, claim: job.claim, attempt: job.attempts, generation: job.entry.generation, delivery: job.entry.deliveries });
      claimed.push(index);
    });
    return claimed;
  }

  /** The attempt ends with a result; whether it completed the job. */
  complete(attemptIndex: number): boolean {
    const attempt = this.endAttempt(attemptIndex);
    const job = this.jobOf(attempt);
    const current = this.isCurrent(attempt);
    if (current) {
      job.status = 'COMPLETED';
      job.hasResult = true;
      job.claim = null;
    }
    if (this.holdsEntry(attempt)) job.entry.state = 'finished';
    return current;
  }

  /** The attempt ends failing; whether it changed the job. */
  fail(attemptIndex: number, retryable: boolean): boolean {
    const attempt = this.endAttempt(attemptIndex);
    const job = this.jobOf(attempt);
    const final = !retryable || attempt.attempt >= job.maxAttempts;
    const current = this.isCurrent(attempt);
    if (current) {
      job.status = final ? 'FAILED' : 'PENDING';
      job.claim = null;
    }
    if (this.holdsEntry(attempt)) job.entry.state = final ? 'finished' : this.redeliveryOf(job);
    return current;
  }

  /** Progress counts only from the attempt the job runs under. */
  reportProgress(attemptIndex: number, current: number): void {
    const attempt = this.attemptAt(attemptIndex);
    if (this.isCurrent(attempt)) this.jobOf(attempt).progress = current;
  }

  /** The attempt's worker stops heartbeating (it keeps the attempt); the sweep then fails the jobs whose entry was given up on. Returns those. */
  lapse(attemptIndex: number): number[] {
    const attempt = this.attemptAt(attemptIndex);
    const job = this.jobOf(attempt);
    if (this.holdsEntry(attempt)) job.entry.state = this.redeliveryOf(job);
    const lost: number[] = [];
    this.jobs.forEach((candidate, index) => {
      if (!candidate.deleted && (candidate.status === 'PENDING' || candidate.status === 'PROCESSING') && candidate.entry.state === 'givenUp') {
        candidate.status = 'FAILED';
        candidate.claim = null;
        lost.push(index);
      }
    });
    return lost;
  }

  cancel(index: number): ControlOutcome {
    const job = this.jobs[index];
    if (!job || job.deleted) return 'JOB_NOT_FOUND';
    if (job.status !== 'PENDING' && job.status !== 'PROCESSING') return 'JOB_ALREADY_FINISHED';
    job.status = 'CANCELLED';
    job.claim = null;
    if (job.entry.state === 'waiting' || job.entry.state === 'delivered') job.entry.state = 'finished';
    return 'DONE';
  }

  retry(index: number): ControlOutcome {
    const job = this.jobs[index];
    if (!job || job.deleted) return 'JOB_NOT_FOUND';
    if (job.status !== 'FAILED' && job.status !== 'CANCELLED') return 'JOB_NOT_RETRYABLE';
    job.status = 'PENDING';
    job.attempts = 0;
    job.progress = null;
    job.entry = this.newEntry();
    return 'DONE';
  }

  delete(index: number): ControlOutcome {
    const job = this.jobs[index];
    if (!job || job.deleted) return 'JOB_NOT_FOUND';
    job.deleted = true;
    return 'DONE';
  }

  /** Deletes the jobs in these statuses (every status when none are given); how many went. */
  purge(statuses: readonly Status[] | undefined): number {
    const doomed = this.jobs.filter((job) => !job.deleted && (!statuses || statuses.includes(job.status)));
    for (const job of doomed) job.deleted = true;
    return doomed.length;
  }

  attemptAt(index: number): ModelAttempt {
    const attempt = this.attempts[index];
    if (!attempt) throw new Error(`no attempt ${index}`);
    return attempt;
  }

  private endAttempt(index: number): ModelAttempt {
    const attempt = this.attemptAt(index);
    this.attempts.splice(index, 1);
    return attempt;
  }

  private jobOf(attempt: ModelAttempt): ModelJob {
    const job = this.jobs[attempt.job];
    if (!job) throw new Error(`no job ${attempt.job}`);
    return job;
  }

  private isCurrent(attempt: ModelAttempt): boolean {
    const job = this.jobOf(attempt);
    return !job.deleted && job.status === 'PROCESSING' && job.claim === attempt.claim;
  }

  /** Whether the job's entry is still out with this attempt's delivery. */
  private holdsEntry(attempt: ModelAttempt): boolean {
    const { entry, deleted } = this.jobOf(attempt);
    return !deleted && entry.generation === attempt.generation && entry.state === 'delivered' && entry.deliveries === attempt.delivery;
  }

  /** An entry handed back waits for its next delivery while the job has attempts left for it, and is given up on otherwise. */
  private redeliveryOf(job: ModelJob): EntryState {
    return job.entry.deliveries < job.maxAttempts ? 'waiting' : 'givenUp';
  }

  private newEntry(): ModelJob['entry'] {
    return { generation: ++this.generations, state: 'waiting', deliveries: 0 };
  }
}
