import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type CreateJobRequest, JobStatus } from '@jobs/contracts';
import { TEXT_INDICATORS } from '@jobs/dto';
import { waitUntil } from '@jobs/testing';
import type { JobsOptions } from '../jobs-options.js';
import { type JobDomain, newViewer, openJobDomain, TEST_CATALOG } from '../testing/job-domain.js';
import { NotificationRecorder } from '../testing/notification-recorder.js';
import { JobChanges, type JobFeedSignal } from './job-changes.service.js';

const JOB: CreateJobRequest = { type: TEXT_INDICATORS.name, payload: { text: 'see 192.0.2.1' }, delaySeconds: 3600 };

/** The job a signal is about, or `resync`. */
const about = (signal: JobFeedSignal): string => (signal.kind === 'created' ? `created ${signal.job.id}` : signal.kind === 'changed' ? `changed ${signal.change.id} ${signal.change.status}` : 'resync');

describe('job notifications for feeds', () => {
  let domain: JobDomain;

  beforeAll(async () => {
    domain = await openJobDomain('api');
  });

  afterAll(async () => {
    await domain?.close();
  });

  const createdAtOf = async (id: string): Promise<number> => (await domain.reads.findById(id))?.job.createdAt.getTime() ?? -1;

  it('announces new jobs on jobs_created after their commit: a submission, and a batch in one notification', async () => {
    const recorder = await NotificationRecorder.start(domain.database.url);
    try {
      const viewer = newViewer('org-created');
      const [single] = (await domain.submission.submit(viewer, JOB)).jobs;
      const batch = (await domain.submission.submitBatch(viewer, [JOB, JOB, JOB])).jobs;
      const heard = () => recorder.jobCreationNotifications().map((notification) => notification.jobs.map((job) => job.id));
      await waitUntil(async () => heard().flat().length, (count) => count === 4);

      expect(heard()).toEqual([[single?.id], batch.map((job) => job.id)]);
      const [announced] = recorder.jobCreationNotifications()[0]?.jobs ?? [];
      expect(announced).toEqual({ id: single?.id, type: TEXT_INDICATORS.name, status: JobStatus.PENDING, ownerId: viewer.sub, orgId: 'org-created', createdAt: await createdAtOf(single?.id ?? '') });
    } finally {
      await recorder.stop();
    }
  });

  it('splits the announcement of a large batch under the payload limit, each job once', async () => {
    const recorder = await NotificationRecorder.start(domain.database.url);
    try {
      // Long owner and organisation names make the items large: 1000 of them fill many payloads.
      const viewer = { ...newViewer('o'.repeat(200)), sub: `user-${'u'.repeat(200)}-${Date.now()}` };
      const ids = (await domain.submission.submitBatch(viewer, Array.from({ length: 1000 }, () => JOB))).jobs.map((job) => job.id);
      await waitUntil(async () => recorder.jobCreationNotifications().flatMap((notification) => notification.jobs).length, (count) => count === 1000);

      const notifications = recorder.jobCreationNotifications();
      expect(notifications.length).toBeGreaterThan(1);
      for (const notification of notifications) expect(notification.bytes).toBeLessThan(8000);
      expect(notifications.flatMap((notification) => notification.jobs.map((job) => job.id))).toEqual(ids);
    } finally {
      await recorder.stop();
    }
  });

  it('names the type, owner and organisation in each change the trigger announces', async () => {
    const recorder = await NotificationRecorder.start(domain.database.url);
    try {
      const viewer = newViewer('org-changed');
      const [job] = (await domain.submission.submit(viewer, JOB)).jobs;
      await domain.control.cancel(viewer, job?.id ?? '');
      await waitUntil(async () => recorder.jobChangeNotifications().flat().filter((change) => change.id === job?.id), (changes) => changes.length === 1);

      const [change] = recorder.jobChangeNotifications().flat().filter((heard) => heard.id === job?.id);
      expect(change).toEqual({
        id: job?.id,
        type: TEXT_INDICATORS.name,
        ownerId: viewer.sub,
        orgId: 'org-changed',
        status: JobStatus.CANCELLED,
        progress: null,
        attempts: 0,
        updatedAt: (await domain.reads.findById(job?.id ?? ''))?.job.updatedAt.getTime(),
      });
    } finally {
      await recorder.stop();
    }
  });

  describe('JobChanges', () => {
    let changes: JobChanges;

    beforeAll(async () => {
      const options: JobsOptions = { url: domain.database.url, role: 'api', catalog: TEST_CATALOG, webhookAllowedHosts: [] };
      changes = new JobChanges(options);
      await changes.onModuleInit();
    });

    afterAll(async () => {
      await changes?.onModuleDestroy();
    });

    it('tells each feed of the jobs created and changed in its scope, and only those', async () => {
      const member = newViewer(`org-${Date.now()}`);
      const colleague = newViewer(member.org);
      const stranger = newViewer('org-elsewhere');
      const memberFeed: JobFeedSignal[] = [];
      const everything: JobFeedSignal[] = [];
      const unwatch = [
        changes.watch({ scope: { kind: 'member', sub: member.sub, org: member.org }, types: null }, (signal) => memberFeed.push(signal)),
        changes.watch({ scope: { kind: 'all' }, types: null }, (signal) => everything.push(signal)),
      ];
      try {
        const [strangers] = (await domain.submission.submit(stranger, JOB)).jobs;
        const [own] = (await domain.submission.submit(member, JOB)).jobs;
        const [colleagues] = (await domain.submission.submit(colleague, JOB)).jobs;
        await domain.control.cancel(stranger, strangers?.id ?? '');
        await domain.control.cancel(colleague, colleagues?.id ?? '');
        // Every feed hears each notification as it arrives: once the wide feed has heard all five, so has the other.
        await waitUntil(async () => everything.length, (count) => count === 5);

        expect(memberFeed.map(about).sort()).toEqual([`created ${own?.id}`, `created ${colleagues?.id}`, `changed ${colleagues?.id} CANCELLED`].sort());
        expect(everything.map(about)).toContain(`changed ${strangers?.id} CANCELLED`);
      } finally {
        for (const stop of unwatch) stop();
      }
      expect(changes.subscriberCount).toBe(0);
    });

    it('tells feeds and job streams to resync after the listener lost its connection, and goes on', async () => {
      const viewer = newViewer();
      const feed: JobFeedSignal[] = [];
      const stream: string[] = [];
      const [job] = (await domain.submission.submit(viewer, JOB)).jobs;
      const unwatch = changes.watch({ scope: { kind: 'owner', ownerId: viewer.sub }, types: null }, (signal) => feed.push(signal));
      const unsubscribe = changes.subscribe(job?.id ?? '', (signal) => stream.push(signal.kind));
      try {
        await domain.prisma.$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'jobs-listener'`;
        await waitUntil(async () => feed.map(about), (heard) => heard.includes('resync'), { timeoutMs: 30_000 });
        expect(stream).toEqual(['resync']);

        const [next] = (await domain.submission.submit(viewer, JOB)).jobs;
        await waitUntil(async () => feed.map(about), (heard) => heard.includes(`created ${next?.id}`));
        expect(changes.listening).toBe(true);
      } finally {
        unwatch();
        unsubscribe();
      }
    });
  });
});
