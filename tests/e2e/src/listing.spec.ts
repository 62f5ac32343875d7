import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobListResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, type ApiResponse, mintToken, startStack, type TestStack, uniqueSubject } from '@jobs/testing';
import type pg from 'pg';
import { connect, minutesAgo, type SeededJob, seedJobs } from './support/seed.js';

type SortField = 'createdAt' | 'updatedAt' | 'finishedAt' | 'priority';
const STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
const BASE = Date.parse('2026-03-01T12:00:00.000Z');

/** The order the API must return: by the sort key (unfinished jobs last for finishedAt), ties by id. */
function expectedOrder(jobs: SeededJob[], sort: SortField, order: 'asc' | 'desc'): string[] {
  const direction = order === 'asc' ? 1 : -1;
  const key = (job: SeededJob): number | null => (sort === 'priority' ? job.priority : (job[sort]?.getTime() ?? null));
  return [...jobs]
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      if (ka === null || kb === null) {
        if (ka !== kb) return ka === null ? 1 : -1;
      } else if (ka !== kb) {
        return (ka - kb) * direction;
      }
      return (a.id < b.id ? -1 : 1) * direction;
    })
    .map((job) => job.id);
}

describe('GET /v1/jobs', () => {
  let stack: TestStack;
  let database: pg.Client;

  beforeAll(async () => {
    stack = await startStack({ workers: 0 });
    database = await connect(stack.database.url);
  });

  afterAll(async () => {
    await database?.end();
    await stack?.stop();
  });

  function as(sub: string, claims: Record<string, unknown> = {}): ApiClient {
    return stack.client.withToken(mintToken({ sub, ...claims }));
  }

  async function walk(client: ApiClient, query: string, onPage?: (page: number) => Promise<void>): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const response: ApiResponse<JobListResponse> = await client.get<JobListResponse>(`/v1/jobs?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      ids.push(...response.body.data.map((job) => job.id));
      expect(response.body.hasMore).toBe(response.body.nextCursor !== null);
      if (!response.body.nextCursor) return ids;
      cursor = response.body.nextCursor;
      await onPage?.(page);
    }
    throw new Error('too many pages');
  }

  /** 40 jobs of one owner with varied states, types, priorities and timestamps (some equal, to test ties). */
  async function seedVariety(ownerId: string): Promise<SeededJob[]> {
    return seedJobs(
      database,
      Array.from({ length: 40 }, (_, index) => {
        const status = STATUSES[index % STATUSES.length] ?? 'PENDING';
        const created = new Date(BASE + Math.floor(index / 2) * 60_000);
        const finished = ['COMPLETED', 'FAILED', 'CANCELLED'].includes(status) ? new Date(BASE + (index % 7) * 3_600_000) : null;
        return {
          ownerId,
          type: index % 3 === 0 ? 'diagnostics.sleep' : 'text.indicators',
          status,
          priority: (index % 4) - 1,
          metadata: { batch: `b${index % 5}`, index },
          createdAt: created,
          updatedAt: new Date(BASE + (index % 9) * 120_000),
          finishedAt: finished,
          resultType: status === 'COMPLETED' ? (index % 2 === 0 ? 'indicators' : 'sleep-report') : null,
        };
      }),
    );
  }

  it('returns the newest 50 summaries by default, without payload or result', async () => {
    const owner = uniqueSubject('default');
    const jobs = await seedJobs(database, Array.from({ length: 55 }, (_, index) => ({ ownerId: owner, createdAt: minutesAgo(index) })));

    const response = await as(owner).get<JobListResponse>('/v1/jobs');

    expect(response.status).toBe(200);
    expect(response.body.data.length).toBe(50);
    expect(response.body.hasMore).toBe(true);
    expect(response.body.nextCursor).toEqual(expect.any(String));
    expect(response.body).not.toHaveProperty('total');
    expect(response.body.data.map((job) => job.id)).toEqual(jobs.slice(0, 50).map((job) => job.id));
    for (const job of response.body.data) {
      expect(job).not.toHaveProperty('payload');
      expect(job).not.toHaveProperty('result');
      expect(job.links.self).toBe(`/v1/jobs/${job.id}`);
    }
  });

  it.each(['createdAt', 'updatedAt', 'finishedAt', 'priority'] as const)(
    'walks every page sorted by %s in both orders, ties broken by id, nothing missed or repeated',
    async (sort) => {
      const owner = uniqueSubject(`sort-${sort}`);
      const jobs = await seedVariety(owner);
      for (const order of ['asc', 'desc'] as const) {
        const ids = await walk(as(owner), `sort=${sort}&order=${order}&limit=7`);
        expect(ids).toEqual(expectedOrder(jobs, sort, order));
      }
    },
  );

  it('keeps a cursor walk exact while new jobs arrive', async () => {
    const owner = uniqueSubject('moving');
    const client = as(owner);
    const original = await seedJobs(database, Array.from({ length: 25 }, (_, index) => ({ ownerId: owner, createdAt: minutesAgo(60 - index) })));
    const arrived: string[] = [];
    const submitOne = async (): Promise<void> => {
      const response = await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'new' } });
      arrived.push(response.body.jobId);
    };

    const newestFirst = await walk(client, 'limit=4', submitOne);
    expect(newestFirst).toEqual(expectedOrder(original, 'createdAt', 'desc'));

    const oldestFirst = await walk(client, 'order=asc&limit=4', submitOne);
    expect(new Set(oldestFirst).size).toBe(oldestFirst.length);
    expect(oldestFirst.slice(0, original.length)).toEqual(expectedOrder(original, 'createdAt', 'asc'));
    expect(oldestFirst.slice(original.length).sort()).toEqual(arrived.slice(0, oldestFirst.length - original.length).sort());
  });

  it('pages by offset over the same order as the cursor walk', async () => {
    const owner = uniqueSubject('offset');
    const jobs = await seedVariety(owner);
    const ids: string[] = [];
    for (let offset = 0; ; offset += 9) {
      const response = await as(owner).get<JobListResponse>(`/v1/jobs?sort=finishedAt&order=desc&limit=9&offset=${offset}`);
      expect(response.body.nextCursor).toBeNull();
      ids.push(...response.body.data.map((job) => job.id));
      if (!response.body.hasMore) break;
    }
    expect(ids).toEqual(expectedOrder(jobs, 'finishedAt', 'desc'));
  });

  it('filters by type, status, result type, creation and finish times, and text', async () => {
    const owner = uniqueSubject('filters');
    const jobs = await seedVariety(owner);
    const client = as(owner);
    const list = async (query: string): Promise<string[]> => {
      const response = await client.get<JobListResponse>(`/v1/jobs?limit=100&order=asc&${query}`);
      expect(response.status).toBe(200);
      return response.body.data.map((job) => job.id).sort();
    };
    const ids = (predicate: (job: SeededJob) => boolean): string[] => jobs.filter(predicate).map((job) => job.id).sort();
    const from = new Date(BASE + 5 * 60_000);
    const to = new Date(BASE + 12 * 60_000);
    const finishedFrom = new Date(BASE + 2 * 3_600_000);
    const finishedTo = new Date(BASE + 5 * 3_600_000);

    expect(await list('type=diagnostics.sleep')).toEqual(ids((job) => job.type === 'diagnostics.sleep'));
    expect(await list('type=diagnostics.sleep,text.indicators')).toEqual(ids(() => true));
    expect(await list('status=FAILED,CANCELLED')).toEqual(ids((job) => ['FAILED', 'CANCELLED'].includes(job.status)));
    expect(await list('status=COMPLETED&resultType=sleep-report')).toEqual(ids((job) => job.resultType === 'sleep-report'));
    expect(await list(`createdFrom=${from.toISOString()}&createdTo=${to.toISOString()}`)).toEqual(
      ids((job) => job.createdAt >= from && job.createdAt < to),
    );
    expect(await list(`createdFrom=${from.getTime()}&createdTo=${to.getTime()}`)).toEqual(ids((job) => job.createdAt >= from && job.createdAt < to));
    expect(await list(`finishedFrom=${finishedFrom.toISOString()}&finishedTo=${finishedTo.getTime()}`)).toEqual(
      ids((job) => job.finishedAt !== null && job.finishedAt >= finishedFrom && job.finishedAt < finishedTo),
    );
    expect(await list('createdFrom=2026-03-01&createdTo=2026-03-02')).toEqual(ids(() => true));
    expect(await list('q=B3')).toEqual(ids((job) => job.metadata['batch'] === 'b3'));
    expect(await list('q=sleep')).toEqual(ids((job) => job.type === 'diagnostics.sleep'));
    expect(await list('q=100%25')).toEqual([]);
    expect(await list('type=diagnostics.sleep&status=COMPLETED&q=b0')).toEqual(
      ids((job) => job.type === 'diagnostics.sleep' && job.status === 'COMPLETED' && job.metadata['batch'] === 'b0'),
    );
  });

  it('searches metadata of jobs submitted through the API', async () => {
    const owner = uniqueSubject('search');
    const client = as(owner);
    const tagged = await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'text.indicators', payload: { text: 'a' }, metadata: { ticket: 'IR-4711', team: 'Blue' } });
    await client.post('/v1/jobs', { type: 'text.indicators', payload: { text: 'b' }, metadata: { ticket: 'IR-1' } });

    for (const q of ['ir-4711', 'blue', 'TEAM', 'text.ind']) {
      const ids = (await client.get<JobListResponse>(`/v1/jobs?q=${q}`)).body.data.map((job) => job.id);
      expect({ q, ids: q === 'text.ind' ? ids.length : ids }).toEqual({ q, ids: q === 'text.ind' ? 2 : [tagged.body.jobId] });
    }
  });

  it('adds the total on request', async () => {
    const owner = uniqueSubject('total');
    await seedJobs(database, Array.from({ length: 12 }, (_, index) => ({ ownerId: owner, createdAt: minutesAgo(index), status: index < 5 ? 'FAILED' : 'PENDING' })));
    const response = await as(owner).get<JobListResponse>('/v1/jobs?limit=2&status=FAILED&includeTotal=true');
    expect(response.body).toMatchObject({ total: 5, hasMore: true });
    expect(response.body.data.length).toBe(2);
  });

  it('refuses forged, garbled and foreign cursors with 400 INVALID_CURSOR', async () => {
    const owner = uniqueSubject('cursor');
    await seedJobs(database, Array.from({ length: 5 }, (_, index) => ({ ownerId: owner, createdAt: minutesAgo(index) })));
    const client = as(owner);
    const { nextCursor } = (await client.get<JobListResponse>('/v1/jobs?limit=2')).body;
    if (!nextCursor) throw new Error('expected a cursor');
    const [body, signature] = nextCursor.split('.');
    const tampered = `${Buffer.from(Buffer.from(body ?? '', 'base64url').toString().replace(/"desc"/, '"asc"')).toString('base64url')}.${signature}`;

    for (const cursor of ['garbage', `${body}.AAAA`, tampered, `${nextCursor}x`]) {
      const response = await client.get<ProblemDetails>(`/v1/jobs?limit=2&cursor=${encodeURIComponent(cursor)}`);
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 400, code: 'INVALID_CURSOR' });
    }
    const foreign = await client.get<ProblemDetails>(`/v1/jobs?limit=2&status=PENDING&cursor=${encodeURIComponent(nextCursor)}`);
    expect(foreign.body).toMatchObject({ status: 400, code: 'INVALID_CURSOR', detail: expect.stringMatching(/other filters/) });
    expect((await client.get(`/v1/jobs?limit=2&cursor=${encodeURIComponent(nextCursor)}`)).status).toBe(200);
  });

  it('refuses bad parameters with field errors', async () => {
    const client = as(uniqueSubject('params'));
    const cases: [string, string][] = [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['status=DONE', 'status'],
      ['sort=name', 'sort'],
      ['order=up', 'order'],
      ['createdFrom=yesterday', 'createdFrom'],
      ['offset=-1', 'offset'],
      ['offset=10&cursor=abc', 'cursor'],
      ['includeTotal=perhaps', 'includeTotal'],
      ['unknown=1', 'unknown'],
    ];
    for (const [query, field] of cases) {
      const response = await client.get<ProblemDetails>(`/v1/jobs?${query}`);
      expect({ query, status: response.status, fields: response.body.errors?.map((error) => error.field) }).toEqual({ query, status: 400, fields: [field] });
    }
  });

  it("shows org members their organisation's jobs, and admins anyone's with scope=all or ownerId", async () => {
    const org = uniqueSubject('org');
    const alice = uniqueSubject('alice');
    const bob = uniqueSubject('bob');
    const outsider = uniqueSubject('outsider');
    const [shared] = await seedJobs(database, [{ ownerId: alice, orgId: org, createdAt: minutesAgo(3) }]);
    const [personal] = await seedJobs(database, [{ ownerId: alice, createdAt: minutesAgo(2) }]);
    const [elsewhere] = await seedJobs(database, [{ ownerId: outsider, createdAt: minutesAgo(1) }]);
    const listIds = async (client: ApiClient, query = ''): Promise<string[]> =>
      (await client.get<JobListResponse>(`/v1/jobs?limit=100&${query}`)).body.data.map((job: JobSummary) => job.id);

    expect(await listIds(as(bob, { org }))).toEqual([shared?.id]);
    expect(await listIds(as(alice))).toEqual([personal?.id, shared?.id]);
    expect(await listIds(as(outsider))).toEqual([elsewhere?.id]);
    expect((await as(bob).get<ProblemDetails>('/v1/jobs?scope=all')).body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect((await as(bob).get('/v1/jobs?ownerId=' + alice)).status).toBe(403);

    const admin = as(uniqueSubject('admin'), { roles: ['admin'] });
    expect(await listIds(admin, `ownerId=${alice}`)).toEqual([personal?.id, shared?.id]);
    const everyone = await listIds(admin, 'scope=all');
    expect(everyone).toEqual(expect.arrayContaining([shared?.id, personal?.id, elsewhere?.id]));
    expect(await listIds(admin)).toEqual([]);
  });
});
