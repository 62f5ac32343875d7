import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, ErrorCode } from '@jobs/contracts';
import { DIAGNOSTICS_SLEEP, TEXT_INDICATORS } from '@jobs/dto';
import { JobsError } from '../errors.js';
import { jobEntries, storedJob } from '../testing/database-probes.js';
import { type JobDomain, newViewer, openJobDomain } from '../testing/job-domain.js';
import type { Viewer } from '../viewer.js';

describe('JobSubmission', () => {
  let domain: JobDomain;

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  const indicators = (text = 'see 203.0.113.9'): CreateJobRequest => ({ type: TEXT_INDICATORS.name, payload: { text } });
  const sleep = (durationMs = 0): CreateJobRequest => ({ type: DIAGNOSTICS_SLEEP.name, payload: { durationMs } });

  /** The field paths of the validation errors a submission was refused with. */
  async function refusedFields(submission: Promise<unknown>): Promise<string[]> {
    const error = await submission.then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(JobsError);
    return (error as JobsError).extras.errors?.map((fieldError) => fieldError.field) ?? [];
  }

  async function jobsOf(viewer: Viewer): Promise<{ id: string; idempotencyKey: string | null }[]> {
    return domain.prisma.$queryRaw`SELECT id::text, idempotency_key AS "idempotencyKey" FROM jobs WHERE owner_id = ${viewer.sub} ORDER BY idempotency_key`;
  }

  it('stores one job PENDING with the queue entry that will run it, under the job id', async () => {
    const viewer = newViewer('org-a');
    const submission = await domain.submission.submit(viewer, { ...indicators(), priority: 5, maxAttempts: 2, metadata: { source: 'Mail' } });
    expect(submission.replayed).toBe(false);
    const [job] = submission.jobs;
    expect(job?.type).toBe(TEXT_INDICATORS.name);
    const stored = await domain.reads.findVisible(viewer, job?.id ?? '');
    expect(stored).toMatchObject({ ownerId: viewer.sub, orgId: 'org-a', status: 'PENDING', attempts: 0, maxAttempts: 2, priority: 5, queueJobId: job?.id });
    expect(stored.payload).toEqual({ text: 'see 203.0.113.9' });
    expect(await jobEntries(domain.prisma, job?.id ?? '')).toEqual([{ id: job?.id, queue: TEXT_INDICATORS.name, state: 'created', retryCount: 0 }]);
  });

  it('refuses an unknown type, naming the known ones, and stores nothing', async () => {
    const viewer = newViewer();
    await expect(domain.submission.submit(viewer, { type: 'no.such.type', payload: {} })).rejects.toMatchObject({
      code: ErrorCode.UNKNOWN_JOB_TYPE,
      extras: { errors: [{ field: 'type' }], extensions: { knownTypes: expect.arrayContaining([TEXT_INDICATORS.name]) } },
    });
    expect(await jobsOf(viewer)).toEqual([]);
  });

  it('refuses an invalid payload with the field paths at fault, and stores nothing', async () => {
    const viewer = newViewer();
    const refused = domain.submission.submit(viewer, { type: TEXT_INDICATORS.name, payload: { text: 42, extra: true } });
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED });
    expect((await refusedFields(refused)).sort()).toEqual(['payload.extra', 'payload.text']);
    expect(await jobsOf(viewer)).toEqual([]);
  });

  it('refuses webhooks to literal private addresses and webhooks without a secret', async () => {
    const viewer = newViewer();
    await expect(domain.submission.submit(viewer, { ...indicators(), webhook: { url: 'http://10.0.0.7/hook', secret: 's' } })).rejects.toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      extras: { errors: [{ field: 'webhook.url' }] },
    });
    await expect(domain.submission.submit(viewer, { ...indicators(), webhook: { url: 'https://hooks.example.com/x' } })).rejects.toMatchObject({
      extras: { errors: [{ field: 'webhook.secret' }] },
    });
    expect(await jobsOf(viewer)).toEqual([]);
  });

  it('stores a batch whole, in request order, each job with its own entry in its type queue', async () => {
    const viewer = newViewer();
    const submission = await domain.submission.submitBatch(viewer, [indicators('a'), sleep(), indicators('b')]);
    expect(submission.jobs.map((job) => job.type)).toEqual([TEXT_INDICATORS.name, DIAGNOSTICS_SLEEP.name, TEXT_INDICATORS.name]);
    for (const job of submission.jobs) {
      expect(await storedJob(domain.prisma, job.id)).toMatchObject({ status: 'PENDING', attempts: 0 });
      expect(await jobEntries(domain.prisma, job.id)).toEqual([{ id: job.id, queue: job.type, state: 'created', retryCount: 0 }]);
    }
  });

  it('accepts none of a batch when any job is invalid, reporting every fault by its index', async () => {
    const viewer = newViewer();
    const refused = domain.submission.submitBatch(viewer, [indicators(), { type: TEXT_INDICATORS.name, payload: {} }, { type: 'no.such.type', payload: {} }]);
    await expect(refused).rejects.toMatchObject({ code: ErrorCode.VALIDATION_FAILED, detail: '2 of 3 jobs are not valid; none was accepted.' });
    expect(await refusedFields(refused)).toEqual(['jobs[1].payload.text', 'jobs[2].type']);
    expect(await jobsOf(viewer)).toEqual([]);
  });

  describe('with an idempotency key', () => {
    it('replays the same request with the same jobs, storing them once', async () => {
      const viewer = newViewer();
      const first = await domain.submission.submit(viewer, indicators(), { idempotencyKey: 'k1' });
      const again = await domain.submission.submit(viewer, { payload: { text: 'see 203.0.113.9' }, type: TEXT_INDICATORS.name }, { idempotencyKey: 'k1' });
      expect(again).toEqual({ jobs: first.jobs, replayed: true });
      expect(await jobsOf(viewer)).toEqual([{ id: first.jobs[0]?.id, idempotencyKey: 'k1' }]);
    });

    it('refuses the key for a different request, a longer batch included', async () => {
      const viewer = newViewer();
      await domain.submission.submit(viewer, indicators('one'), { idempotencyKey: 'k2' });
      await expect(domain.submission.submit(viewer, indicators('two'), { idempotencyKey: 'k2' })).rejects.toMatchObject({ code: ErrorCode.IDEMPOTENCY_KEY_REUSED });
      await domain.submission.submitBatch(viewer, [indicators('one')], { idempotencyKey: 'k3' });
      await expect(domain.submission.submitBatch(viewer, [indicators('one'), indicators('two')], { idempotencyKey: 'k3' })).rejects.toMatchObject({
        code: ErrorCode.IDEMPOTENCY_KEY_REUSED,
      });
      expect(await jobsOf(viewer)).toHaveLength(2);
    });

    it("keeps keys per owner: another owner's key is a key of its own", async () => {
      const [alice, bob] = [newViewer(), newViewer()];
      const fromAlice = await domain.submission.submit(alice, indicators(), { idempotencyKey: 'shared' });
      const fromBob = await domain.submission.submit(bob, indicators(), { idempotencyKey: 'shared' });
      expect(fromBob.replayed).toBe(false);
      expect(fromBob.jobs[0]?.id).not.toBe(fromAlice.jobs[0]?.id);
    });

    it('makes one set of rows and entries from concurrent identical requests, all answered with it', async () => {
      const viewer = newViewer();
      const requests = [indicators('x'), sleep()];
      const answers = await Promise.all(Array.from({ length: 6 }, () => domain.submission.submitBatch(viewer, requests, { idempotencyKey: 'race' })));
      expect(answers.filter((answer) => !answer.replayed)).toHaveLength(1);
      const ids = answers[0]?.jobs.map((job) => job.id);
      for (const answer of answers) expect(answer.jobs.map((job) => job.id)).toEqual(ids);
      expect((await jobsOf(viewer)).map((job) => job.idempotencyKey)).toEqual(['race#0', 'race#1']);
      for (const id of ids ?? []) expect(await jobEntries(domain.prisma, id)).toHaveLength(1);
    });
  });
});
