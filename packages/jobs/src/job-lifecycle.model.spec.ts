import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BENCH_NOOP, DIAGNOSTICS_SLEEP } from '@jobs/dto';
import fc from 'fast-check';
import { JobsError } from './errors.js';
import { JobFailure } from './execution/job-failure.js';
import { reconcileLostJobs } from './execution/reconcile-lost-jobs.js';
import { runStep } from './notifications/run-steps.js';
import { QUEUE_SCHEMA } from './queue/job-queue.js';
import { WEBHOOK_QUEUE } from './queue/queue-entry.js';
import { type JobDomain, newViewer, openJobDomain } from './testing/job-domain.js';
import { type ControlOutcome, LifecycleModel, type Status } from './testing/lifecycle-model.js';
import {
  type HeldAttempt,
  attemptOn,
  completeAttempt,
  endRetryBackoffs,
  failAttempt,
  fetchAndClaim,
  lapseAttempt,
  reportAttemptProgress,
} from './testing/worker-steps.js';

/** Where a job was last seen in its run (see run-steps.ts): the run's runAt and the highest step it can be at. */
interface RunPosition {
  run: number;
  step: number;
  ended: boolean;
}

/**
 * The package's side of a run: the ids of the jobs the model numbers, the attempts held, in the
 * model's order, and where each job was seen last in its run.
 */
interface Real {
  ids: string[];
  attempts: HeldAttempt[];
  positions: Map<string, RunPosition>;
}

/** The types runs submit, each with a valid payload: two queues, so that a claim takes one type's entries only. */
const JOB_TYPES = [
  { name: BENCH_NOOP.name, payload: {} },
  { name: DIAGNOSTICS_SLEEP.name, payload: { durationMs: 0 } },
] as const;
type JobType = (typeof JOB_TYPES)[number];
const STATUSES: readonly Status[] = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'];

/** The stored facts that must always hold, each as the ids that break it. */
const INVARIANTS_SQL = `
  SELECT
    (SELECT coalesce(array_agg(job_id::text), '{}') FROM (SELECT job_id FROM results GROUP BY job_id HAVING count(*) > 1) AS twice) AS "twoResults",
    (SELECT coalesce(array_agg(q.id::text), '{}') FROM "${QUEUE_SCHEMA}".job q
      WHERE q.name <> '${WEBHOOK_QUEUE}' AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id::text = q.data->>'jobId')) AS "entriesWithoutJob",
    (SELECT coalesce(array_agg(job_id), '{}') FROM (
      SELECT q.data->>'jobId' AS job_id FROM "${QUEUE_SCHEMA}".job q WHERE q.name <> '${WEBHOOK_QUEUE}' GROUP BY 1 HAVING count(*) > 1) AS twice) AS "jobsWithTwoEntries",
    (SELECT coalesce(array_agg(j.id::text), '{}') FROM jobs j
      WHERE j.status IN ('PENDING', 'PROCESSING') AND NOT EXISTS (
        SELECT 1 FROM "${QUEUE_SCHEMA}".job q
         WHERE q.name = j.queue_name AND q.id = j.queue_job_id AND q.state IN ('created', 'retry', 'active'))) AS "unfinishedWithoutEntry",
    (SELECT coalesce(array_agg(j.id::text), '{}') FROM jobs j
      WHERE j.attempts <> (SELECT count(*) FROM job_attempts a WHERE a.job_id = j.id AND a.queue_job_id = j.queue_job_id)) AS "attemptsNotRecorded",
    (SELECT coalesce(array_agg(j.id::text), '{}') FROM jobs j
      WHERE j.status = 'PROCESSING' AND NOT EXISTS (
        SELECT 1 FROM job_attempts a WHERE a.job_id = j.id AND a.queue_job_id = j.queue_job_id AND a.number = j.attempts AND a.outcome IS NULL)) AS "runningWithoutOpenAttempt",
    (SELECT coalesce(array_agg(a.job_id::text), '{}') FROM job_attempts a
      WHERE a.outcome IS NULL AND NOT EXISTS (
        SELECT 1 FROM jobs j WHERE j.id = a.job_id AND j.queue_job_id = a.queue_job_id AND j.attempts = a.number AND j.status = 'PROCESSING')) AS "openAttemptNotRunning"`;

describe('the job lifecycle against a model of it', () => {
  let domain: JobDomain;
  const owner = newViewer();

  beforeAll(async () => {
    // `api`: no pg-boss maintenance; lapses are commands of their own.
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

  /** The database agrees with the model, and the invariants hold. */
  async function expectAgreement(model: LifecycleModel, real: Real): Promise<void> {
    const rows = await domain.prisma.$queryRaw<{ id: string; status: Status; attempts: number; progress: number | null; results: number; runAt: Date }[]>`
      SELECT id::text, status::text AS status, attempts, (progress->>'current')::int AS progress,
             (SELECT count(*)::int FROM results r WHERE r.job_id = j.id) AS results, run_at AS "runAt"
        FROM jobs j`;
    expectRunsGoForward(rows, real.positions);
    const stored = rows.map(({ id, status, attempts, progress, results }) => ({ id, status, attempts, progress, results }));
    const expected = model.jobs.flatMap((job, index) =>
      job.deleted ? [] : [{ id: real.ids[index] ?? '', status: job.status, attempts: job.attempts, progress: job.progress, results: job.hasResult ? 1 : 0 }],
    );
    expect(stored.sort(byId)).toEqual(expected.sort(byId));
    const [broken] = await domain.prisma.$queryRawUnsafe<Record<string, string[]>[]>(INVARIANTS_SQL);
    expect(broken).toEqual({
      twoResults: [],
      entriesWithoutJob: [],
      jobsWithTwoEntries: [],
      unfinishedWithoutEntry: [],
      // Every attempt of the current run has its row; a running job's current one is open, and only it.
      attemptsNotRecorded: [],
      runningWithoutOpenAttempt: [],
      openAttemptNotRunning: [],
    });
  }

  /**
   * Job streams derive their event ids from the row (run-steps.ts): within a run (one runAt) the step
   * never goes back and an ended run stays ended; a new run (a retry) starts at step 0 from an ended one.
   */
  function expectRunsGoForward(rows: readonly { id: string; status: Status; attempts: number; runAt: Date }[], positions: Map<string, RunPosition>): void {
    for (const row of rows) {
      const ended = row.status !== 'PENDING' && row.status !== 'PROCESSING';
      // An ended job may have waited for a retry after its last attempt's start: the highest step it can be at.
      const now: RunPosition = { run: row.runAt.getTime(), step: runStep(row.status === 'PROCESSING' ? 'PROCESSING' : 'PENDING', row.attempts), ended };
      const before = positions.get(row.id);
      if (before && before.run === now.run) {
        expect({ id: row.id, wentBack: now.step < before.step, reopened: before.ended && !now.ended }).toEqual({ id: row.id, wentBack: false, reopened: false });
      } else if (before) {
        expect({ id: row.id, retriedFrom: before.ended, startsAt: now }).toEqual({ id: row.id, retriedFrom: true, startsAt: { run: now.run, step: 0, ended: false } });
      }
      positions.set(row.id, now);
    }
  }

  /** Model indices of job ids. */
  const indicesOf = (real: Real, ids: readonly string[]) => ids.map((id) => real.ids.indexOf(id)).sort((a, b) => a - b);

  async function controlOutcome(operation: Promise<unknown>): Promise<ControlOutcome> {
    try {
      await operation;
      return 'DONE';
    } catch (error) {
      if (error instanceof JobsError) return error.code as ControlOutcome;
      throw error;
    }
  }

  /** One step of both sides, then the comparison. */
  abstract class Step implements fc.AsyncCommand<LifecycleModel, Real> {
    check(_model: Readonly<LifecycleModel>): boolean {
      return true;
    }

    async run(model: LifecycleModel, real: Real): Promise<void> {
      await this.step(model, real);
      await expectAgreement(model, real);
    }

    protected abstract step(model: LifecycleModel, real: Real): Promise<void>;
    abstract toString(): string;
  }

  /** A step on an attempt a worker holds, picked by a number the model maps onto those it has. */
  abstract class AttemptStep extends Step {
    constructor(protected readonly pick: number) {
      super();
    }

    override check(model: Readonly<LifecycleModel>): boolean {
      return model.attempts.length > 0;
    }

    protected picked(model: LifecycleModel, real: Real): { index: number; held: HeldAttempt } {
      const index = this.pick % model.attempts.length;
      const held = real.attempts[index];
      if (!held) throw new Error(`the package side holds no attempt ${index}`);
      return { index, held };
    }
  }

  /** A control step on a job, picked by a number the model maps onto the jobs submitted (deleted ones included). */
  abstract class JobStep extends Step {
    constructor(protected readonly pick: number) {
      super();
    }

    override check(model: Readonly<LifecycleModel>): boolean {
      return model.jobs.length > 0;
    }

    protected picked(model: LifecycleModel, real: Real): { index: number; id: string } {
      const index = this.pick % model.jobs.length;
      return { index, id: real.ids[index] ?? '' };
    }
  }

  interface Submission {
    type: JobType;
    count: number;
    maxAttempts: number;
  }

  async function submitOnBothSides({ type, count, maxAttempts }: Submission, model: LifecycleModel, real: Real): Promise<void> {
    const requests = Array.from({ length: count }, () => ({ type: type.name, payload: type.payload, maxAttempts }));
    for (const job of (await domain.submission.submitBatch(owner, requests)).jobs) {
      real.ids.push(job.id);
      model.submit(type.name, maxAttempts);
    }
  }

  class Submit extends Step {
    constructor(private readonly submission: Submission) {
      super();
    }

    protected step(model: LifecycleModel, real: Real): Promise<void> {
      return submitOnBothSides(this.submission, model, real);
    }

    toString(): string {
      const { count, type, maxAttempts } = this.submission;
      return `submit(${count} × ${type.name}, maxAttempts ${maxAttempts})`;
    }
  }

  class Claim extends Step {
    constructor(private readonly type: JobType) {
      super();
    }

    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      await endRetryBackoffs(domain.prisma);
      const held = await fetchAndClaim(domain, this.type.name);
      const claimed = model.fetchAndClaim(this.type.name);
      expect(indicesOf(real, held.map((attempt) => attempt.row.id))).toEqual(claimed);
      for (const index of claimed) real.attempts.push(attemptOn(held, real.ids[index] ?? ''));
    }

    toString(): string {
      return `claim(${this.type.name})`;
    }
  }

  class Complete extends AttemptStep {
    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, held } = this.picked(model, real);
      real.attempts.splice(index, 1);
      const completed = await completeAttempt(domain.prisma, held);
      expect(completed.length > 0).toBe(model.complete(index));
    }

    toString(): string {
      return `complete(pick ${this.pick})`;
    }
  }

  class Fail extends AttemptStep {
    constructor(
      pick: number,
      private readonly retryable: boolean,
    ) {
      super(pick);
    }

    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, held } = this.picked(model, real);
      real.attempts.splice(index, 1);
      const failure = this.retryable ? new JobFailure('Flaky', 'may work next time') : JobFailure.invalidPayload('will never work');
      const changed = await failAttempt(domain, held, failure);
      expect(changed.length > 0).toBe(model.fail(index, this.retryable));
    }

    toString(): string {
      return `fail(pick ${this.pick}, ${this.retryable ? 'retryable' : 'final'})`;
    }
  }

  class Progress extends AttemptStep {
    constructor(
      pick: number,
      private readonly current: number,
    ) {
      super(pick);
    }

    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, held } = this.picked(model, real);
      await reportAttemptProgress(domain.prisma, held, this.current);
      model.reportProgress(index, this.current);
    }

    toString(): string {
      return `progress(pick ${this.pick}, ${this.current})`;
    }
  }

  /** The worker of an attempt stops heartbeating: pg-boss fails its entry, then the lost-worker sweep runs. */
  class Lapse extends AttemptStep {
    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, held } = this.picked(model, real);
      await lapseAttempt(domain, held);
      const lost = await reconcileLostJobs(domain.prisma);
      expect(indicesOf(real, lost.map((job) => job.id))).toEqual(model.lapse(index));
    }

    toString(): string {
      return `lapse(pick ${this.pick})`;
    }
  }

  class Cancel extends JobStep {
    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, id } = this.picked(model, real);
      expect(await controlOutcome(domain.control.cancel(owner, id))).toBe(model.cancel(index));
    }

    toString(): string {
      return `cancel(pick ${this.pick})`;
    }
  }

  class Retry extends JobStep {
    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, id } = this.picked(model, real);
      expect(await controlOutcome(domain.control.retry(owner, id))).toBe(model.retry(index));
    }

    toString(): string {
      return `retry(pick ${this.pick})`;
    }
  }

  class Delete extends JobStep {
    protected async step(model: LifecycleModel, real: Real): Promise<void> {
      const { index, id } = this.picked(model, real);
      expect(await controlOutcome(domain.control.delete(owner, id))).toBe(model.delete(index));
    }

    toString(): string {
      return `delete(pick ${this.pick})`;
    }
  }

  class Purge extends Step {
    constructor(private readonly statuses: Status[] | undefined) {
      super();
    }

    protected async step(model: LifecycleModel): Promise<void> {
      const purged = await domain.control.purge({ scope: { kind: 'owner', ownerId: owner.sub }, ...(this.statuses ? { statuses: this.statuses } : {}) });
      expect(purged).toBe(model.purge(this.statuses));
    }

    toString(): string {
      return `purge(${this.statuses?.join('|') ?? 'all'})`;
    }
  }

  const type = fc.constantFrom(...JOB_TYPES);
  // Small picks: steps pile onto the same few jobs and attempts, where stale attempts arise.
  const pick = fc.nat(3);
  const submission: fc.Arbitrary<Submission> = fc.record({ type, count: fc.integer({ min: 1, max: 2 }), maxAttempts: fc.integer({ min: 1, max: 3 }) });
  const claim = type.map((queue) => new Claim(queue));
  const complete = pick.map((attempt) => new Complete(attempt));
  const fail = fc.tuple(pick, fc.boolean()).map(([attempt, retryable]) => new Fail(attempt, retryable));
  const cancel = pick.map((job) => new Cancel(job));
  const retry = pick.map((job) => new Retry(job));
  // Repeated entries come up more often: claims, and what makes attempts stale (a job cancelled or
  // retried under them), so that runs reach the stale attempts the fences are for.
  const steps = [
    submission.map((submitted) => new Submit(submitted)),
    claim,
    claim,
    claim,
    complete,
    complete,
    fail,
    fail,
    fc.tuple(pick, fc.integer({ min: 1, max: 100 })).map(([attempt, current]) => new Progress(attempt, current)),
    pick.map((attempt) => new Lapse(attempt)),
    cancel,
    cancel,
    retry,
    retry,
    pick.map((job) => new Delete(job)),
    fc.option(fc.subarray([...STATUSES], { minLength: 1 }), { nil: undefined }).map((statuses) => new Purge(statuses)),
  ];

  it('agrees with the model after every step of random sequences of submissions, attempts and control', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(submission, { minLength: 1, maxLength: 2 }), fc.commands(steps, { maxCommands: 15, size: 'max' }), async (initial, commands) => {
        // Each run starts from empty tables (a fetch takes every runnable entry of its queue), then the initial submissions.
        await domain.prisma.$executeRawUnsafe('DELETE FROM jobs');
        await domain.prisma.$executeRawUnsafe(`DELETE FROM "${QUEUE_SCHEMA}".job`);
        const setup = async () => {
          const model = new LifecycleModel();
          const real: Real = { ids: [], attempts: [], positions: new Map() };
          for (const submitted of initial) await submitOnBothSides(submitted, model, real);
          return { model, real };
        };
        await fc.asyncModelRun(setup, commands);
      }),
      { numRuns: 50 },
    );
  });
});
