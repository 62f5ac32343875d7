import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobChangedEventData, JobCreatedEventData, JobSummary, ProblemDetails } from '@jobs/contracts';
import { migrate, MIGRATIONS_DIR } from '@jobs/database';
import { createDatabaseIfMissing, freePort, type RunningPostgres, startEmbeddedPostgres } from '@jobs/dev-postgres';
import {
  ApiClient,
  type EventStream,
  mintToken,
  openEventStream,
  type RunningApi,
  type ServerSentEvent,
  startApi,
  startStack,
  TEST_JWT_SECRET,
  type TestStack,
  uniqueSubject,
  waitUntil,
} from '@jobs/testing';
import { EventSource } from 'eventsource';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
/** A job no worker takes while the tests look at it. */
const LATER = { type: 'text.indicators', payload: { text: 'see 198.51.100.7' }, delaySeconds: 3600 };

/** An event as `created <id>`, `changed <id> <status>` or `resync`, for comparing what feeds heard. */
function described(event: ServerSentEvent): string {
  if (event.event === 'created') return `created ${(event.data as JobCreatedEventData).id}`;
  if (event.event === 'changed') return `changed ${(event.data as JobChangedEventData).id} ${(event.data as JobChangedEventData).status}`;
  return event.event;
}

/** Events of a feed until one satisfies `last` (included). */
async function readUntil(feed: EventStream, last: (event: ServerSentEvent) => boolean, timeoutMs = 30_000): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for (;;) {
    const event = await feed.next(timeoutMs);
    if (!event) throw new Error(`the feed ended before the awaited event; it had sent: ${events.map(described).join(', ')}`);
    events.push(event);
    if (last(event)) return events;
  }
}

const isEvent = (description: string) => (event: ServerSentEvent) => described(event) === description;

describe('GET /v1/jobs/events', () => {
  let stack: TestStack;
  const feeds: EventStream[] = [];

  beforeAll(async () => {
    // No worker at first: jobs only run where a test starts one.
    stack = await startStack({ workers: 0, apiEnv: DIAGNOSTICS, workerEnv: DIAGNOSTICS });
  });

  afterAll(async () => {
    for (const feed of feeds) feed.close();
    await stack?.stop();
  });

  /** A caller: their client, and their feed opened with the query. */
  function caller(claims: { sub: string; org?: string; roles?: string[] }) {
    const token = mintToken(claims);
    const client = stack.client.withToken(token);
    return {
      client,
      async feed(query = ''): Promise<EventStream> {
        const feed = await openEventStream(`${stack.api.url}/v1/jobs/events${query}`, { authorization: `Bearer ${token}` });
        feeds.push(feed);
        expect(feed.status).toBe(200);
        // Every feed starts with resync once it listens: a view fetched from then on misses nothing.
        expect(described((await feed.next(30_000)) ?? { event: 'ended', data: null, id: null })).toBe('resync');
        return feed;
      },
      async submit(body: Record<string, unknown> = LATER): Promise<string> {
        const response = await client.post<JobAcceptedResponse>('/v1/jobs', body);
        expect(response.status).toBe(202);
        return response.body.jobId;
      },
      async cancel(jobId: string): Promise<void> {
        expect((await client.post(`/v1/jobs/${jobId}/cancel`)).status).toBe(200);
      },
    };
  }

  it('pushes a new job as created, then each status and progress change as changed', async () => {
    const owner = caller({ sub: uniqueSubject('watcher') });
    const feed = await owner.feed();
    expect(feed.headers.get('content-type')).toContain('text/event-stream');
    const jobId = await owner.submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_500, steps: 5 } });

    // The worker starts only once the job's creation was heard, so the order below holds however slow the machine.
    const [created] = await readUntil(feed, isEvent(`created ${jobId}`));
    // Stopped at the end, so that the jobs of the other tests wait.
    const worker = await stack.startWorker();
    const changes = (await readUntil(feed, isEvent(`changed ${jobId} COMPLETED`))).map((event) => event.data as JobChangedEventData);

    const job = (await owner.client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
    expect(created?.data).toEqual({ id: jobId, type: 'diagnostics.sleep', status: 'PENDING', createdAt: job.createdAt });
    expect(changes.every((change) => change.id === jobId && change.type === 'diagnostics.sleep')).toBe(true);
    expect(changes.map((change) => change.status).filter((status, index, all) => status !== all[index - 1])).toEqual(['PROCESSING', 'COMPLETED']);
    const progress = changes.filter((change) => change.status === 'PROCESSING' && change.progress !== null).map((change) => change.progress?.current ?? 0);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(changes.at(-1)).toMatchObject({ status: 'COMPLETED', attempts: 1, updatedAt: job.updatedAt });
    expect(feed.retryMs).toBe(1000);
    await worker.stop();
  });

  it('shows each caller the jobs of their scope only: their own, their organisation\'s, or for admins everyone\'s or one owner\'s', async () => {
    const org = uniqueSubject('acme');
    const alice = caller({ sub: uniqueSubject('alice'), org });
    const bob = caller({ sub: uniqueSubject('bob'), org });
    const carolSub = uniqueSubject('carol');
    const carol = caller({ sub: carolSub, org: uniqueSubject('globex') });
    const admin = caller({ sub: uniqueSubject('admin'), roles: ['admin'] });
    const [aliceFeed, carolFeed, everyone, carolsOnly] = [await alice.feed(), await carol.feed(), await admin.feed('?scope=all'), await admin.feed(`?ownerId=${carolSub}`)];

    const bobs = await bob.submit();
    await bob.cancel(bobs);
    const carols = await carol.submit();
    await carol.cancel(carols);
    const alices = await alice.submit();
    // Once the widest feed has heard all of it, every feed has been sent its share: the API fans each notification out to all at once.
    const heard = new Set<string>();
    await readUntil(everyone, (event) => {
      heard.add(described(event));
      return [`created ${bobs}`, `changed ${bobs} CANCELLED`, `created ${carols}`, `changed ${carols} CANCELLED`, `created ${alices}`].every((wanted) => heard.has(wanted));
    });
    // A last job of each owner's, heard after everything above, ends what to read of their feeds.
    const [aliceLast, carolLast] = [await alice.submit(), await carol.submit()];

    const seen = async (feed: EventStream, last: string): Promise<string[]> => (await readUntil(feed, isEvent(`created ${last}`))).map(described).sort();
    expect(await seen(aliceFeed, aliceLast)).toEqual([`created ${bobs}`, `changed ${bobs} CANCELLED`, `created ${alices}`, `created ${aliceLast}`].sort());
    expect(await seen(carolFeed, carolLast)).toEqual([`created ${carols}`, `changed ${carols} CANCELLED`, `created ${carolLast}`].sort());
    expect(await seen(carolsOnly, carolLast)).toEqual([`created ${carols}`, `changed ${carols} CANCELLED`, `created ${carolLast}`].sort());
  });

  it('keeps to the types asked for', async () => {
    const owner = caller({ sub: uniqueSubject('typed') });
    const feed = await owner.feed('?type=text.indicators,diagnostics.sleep');
    const other = await owner.submit({ type: 'domain.similar', payload: { domain: 'example.com' }, delaySeconds: 3600 });
    const wanted = await owner.submit();
    // Announcements go out one after another, in the order of the commits: the other type's came first.
    const events = await readUntil(feed, isEvent(`created ${wanted}`));
    expect(events.map(described)).not.toContain(`created ${other}`);
    expect(events.map(described)).toEqual([`created ${wanted}`]);
  });

  it('announces every job of a batch, and a retry as a change back to PENDING', async () => {
    const owner = caller({ sub: uniqueSubject('batcher') });
    const feed = await owner.feed();
    const batch = (await owner.client.post<{ jobs: JobAcceptedResponse[] }>('/v1/jobs/batch', { jobs: [LATER, LATER, LATER] })).body.jobs.map((job) => job.jobId);
    const heard = new Set<string>();
    await readUntil(feed, (event) => heard.add(described(event)) && batch.every((id) => heard.has(`created ${id}`)));
    expect([...heard]).toEqual(batch.map((id) => `created ${id}`));

    const [retried = ''] = batch;
    await owner.cancel(retried);
    expect((await owner.client.post(`/v1/jobs/${retried}/retry`)).status).toBe(202);
    const events = await readUntil(feed, isEvent(`changed ${retried} PENDING`));
    expect(events.map(described)).toEqual([`changed ${retried} CANCELLED`, `changed ${retried} PENDING`]);
    expect(events.at(-1)?.data).toMatchObject({ id: retried, type: 'text.indicators', status: 'PENDING', attempts: 0, progress: null });
  });

  it('refuses another scope than their own to non-admins (403), a missing or bad token (401) and a bad query (400), as problems', async () => {
    const user = caller({ sub: uniqueSubject('curious') });
    for (const query of ['?scope=all', `?ownerId=${uniqueSubject('someone')}`]) {
      const refused = await user.client.get<ProblemDetails>(`/v1/jobs/events${query}`);
      expect([query, refused.status, refused.body.code]).toEqual([query, 403, 'FORBIDDEN']);
    }
    const invalid = await user.client.get<ProblemDetails>('/v1/jobs/events?scope=everyone');
    expect([invalid.status, invalid.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    for (const headers of [{}, { authorization: 'Bearer not-a-token' }] as Record<string, string>[]) {
      const unauthenticated = await openEventStream(`${stack.api.url}/v1/jobs/events`, headers);
      expect(unauthenticated.status).toBe(401);
    }
    expect((await openEventStream(`${stack.api.url}/v1/jobs/events?access_token=not-a-token`)).status).toBe(401);
  });

  it('takes the token as ?access_token= from EventSource, which cannot send headers', async () => {
    const sub = uniqueSubject('browser');
    const token = mintToken({ sub });
    const source = new EventSource(`${stack.api.url}/v1/jobs/events?access_token=${encodeURIComponent(token)}`);
    const created: JobCreatedEventData[] = [];
    let listening = false;
    source.addEventListener('created', (event) => created.push(JSON.parse(event.data as string) as JobCreatedEventData));
    source.addEventListener('resync', () => (listening = true));
    try {
      await waitUntil(async () => listening, (heard) => heard);
      const jobId = await caller({ sub }).submit();
      await waitUntil(async () => created.map((job) => job.id), (ids) => ids.includes(jobId));
      expect(created).toEqual([expect.objectContaining({ id: jobId, status: 'PENDING' })]);
    } finally {
      source.close();
    }
  });
});

describe('the jobs feed across a database restart and a shutdown', () => {
  let dataDir: string;
  let port: number;
  let postgres: RunningPostgres;
  let api: RunningApi;

  const startPostgres = () => startEmbeddedPostgres({ dataDir, port, database: 'jobs' });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'jobs-feed-restart-'));
    port = await freePort();
    postgres = await startPostgres();
    await createDatabaseIfMissing(postgres.adminUrl, 'jobs');
    await migrate({ connectionString: postgres.url, migrationsDir: MIGRATIONS_DIR });
    api = await startApi({ DATABASE_URL: postgres.url, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '0' });
  });

  afterAll(async () => {
    await api?.process.stop();
    await postgres?.stop();
  });

  it('stays open while PostgreSQL restarts, says resync once it hears again, goes on, and ends when the API stops', async () => {
    const token = mintToken({ sub: uniqueSubject('steadfast') });
    const client = new ApiClient(api.url, token);
    const feed = await openEventStream(`${api.url}/v1/jobs/events`, { authorization: `Bearer ${token}` });
    expect(feed.status).toBe(200);
    expect((await feed.next(30_000))?.event).toBe('resync');

    await postgres.stop();
    postgres = await startPostgres();
    const [resync] = await readUntil(feed, (event) => event.event === 'resync', 60_000);
    expect(resync?.data).toEqual({});

    // The pool may still hold connections the restart broke: each such request is a 503, and the next one gets through.
    const accepted = await waitUntil(() => client.post<JobAcceptedResponse>('/v1/jobs', LATER), (response) => response.status === 202, { timeoutMs: 30_000, intervalMs: 250 });
    await readUntil(feed, isEvent(`created ${accepted.body.jobId}`));

    api.process.kill('SIGTERM');
    expect(await feed.next(20_000)).toBeNull();
    expect(feed.retryMs).toBe(1000);
    expect(await api.process.exited).toEqual({ code: 0, signal: null });
  });
});
