import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobListResponse, JobResponse, ProblemDetails, ScheduleDetailResponse, ScheduleListResponse, ScheduleResponse } from '@jobs/contracts';
import { freePort } from '@jobs/dev-postgres';
import { type ApiClient, mintToken, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

// Two seconds between firings at the least, so a test sees several firings in a few seconds.
const SCHEDULES = { SCHEDULE_MIN_INTERVAL_SECONDS: '2' };
const EVERY_TWO_SECONDS = '*/2 * * * * *';
const DAILY = '30 2 * * *';

/** The value of one series in Prometheus text, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => candidate.includes(`${key}="${value}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

describe('schedules', () => {
  let stack: TestStack;
  let workerUrl: string;

  beforeAll(async () => {
    stack = await startStack({ workers: 0, apiEnv: SCHEDULES, workerEnv: SCHEDULES });
    const port = await freePort();
    await stack.startWorker({ WORKER_HTTP_PORT: String(port), WORKER_HTTP_HOST: '127.0.0.1' });
    workerUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const as = (sub: string, claims: Record<string, unknown> = {}): ApiClient => stack.client.withToken(mintToken({ sub, ...claims }));
  const daily = (name: string, overrides: Record<string, unknown> = {}) => ({
    name,
    cron: DAILY,
    timezone: 'Europe/Berlin',
    type: 'text.indicators',
    payload: { text: 'see 10.0.0.1' },
    ...overrides,
  });

  async function create(client: ApiClient, body: Record<string, unknown>): Promise<ScheduleResponse> {
    const response = await client.post<ScheduleResponse>('/v1/schedules', body);
    expect(response.status).toBe(201);
    return response.body;
  }

  it('creates a schedule, shows its next fire times in its zone, and lists it', async () => {
    const client = as(uniqueSubject('creator'), { org: uniqueSubject('org') });
    const response = await client.post<ScheduleResponse>('/v1/schedules', daily('nightly', { metadata: { team: 'intel' }, maxAttempts: 2 }));
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe(`/v1/schedules/${response.body.id}`);
    expect(response.body).toMatchObject({ name: 'nightly', cron: DAILY, timezone: 'Europe/Berlin', enabled: true, maxAttempts: 2, timeoutSeconds: null, lastFiredAt: null });
    const detail = (await client.get<ScheduleDetailResponse>(`/v1/schedules/${response.body.id}`)).body;
    expect(detail.nextFireTimes).toHaveLength(5);
    expect(detail.nextFireTimes[0]).toBe(detail.nextFireAt);
    for (const time of detail.nextFireTimes) {
      // 02:30 in Berlin is 00:30 or 01:30 UTC (or 01:30 on the spring-forward day).
      expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(time))).toMatch(/^0[23]:30$/);
    }
    expect(detail.lastJobs).toEqual([]);
    const list = (await client.get<ScheduleListResponse>('/v1/schedules')).body;
    expect(list.data.map((schedule) => schedule.id)).toEqual([response.body.id]);
  });

  it('refuses a bad cron, an unknown time zone, a payload failing the contract, an unknown type and a too frequent expression, naming the field', async () => {
    const client = as(uniqueSubject('careless'));
    const cases: [Record<string, unknown>, number, string, string][] = [
      [daily('bad cron', { cron: '61 * * * *' }), 400, 'VALIDATION_FAILED', 'cron'],
      [daily('words', { cron: 'every night' }), 400, 'VALIDATION_FAILED', 'cron'],
      [daily('zone', { timezone: 'Mars/Olympus_Mons' }), 400, 'VALIDATION_FAILED', 'timezone'],
      [daily('payload', { payload: { text: 42 } }), 400, 'VALIDATION_FAILED', 'payload.text'],
      [daily('type', { type: 'no.such.type' }), 400, 'UNKNOWN_JOB_TYPE', 'type'],
      [daily('too frequent', { cron: '* * * * * *' }), 400, 'VALIDATION_FAILED', 'cron'],
      [daily('no name', { name: '' }), 400, 'VALIDATION_FAILED', 'name'],
    ];
    for (const [body, status, code, field] of cases) {
      const response = await client.post<ProblemDetails>('/v1/schedules', body);
      expect({ name: body.name, status: response.status, code: response.body.code }).toEqual({ name: body.name, status, code });
      expect(response.body.errors?.map((error) => error.field)).toContain(field);
    }
    expect((await client.get<ScheduleListResponse>('/v1/schedules')).body.data).toEqual([]);
  });

  it("answers another owner's schedule with 404 on every route; an organisation member may look but not change", async () => {
    const org = uniqueSubject('org');
    const owner = as(uniqueSubject('owner'), { org });
    const schedule = await create(owner, daily('private'));
    const stranger = as(uniqueSubject('stranger'));
    for (const [method, path, body] of [
      ['GET', `/v1/schedules/${schedule.id}`, undefined],
      ['PATCH', `/v1/schedules/${schedule.id}`, { name: 'mine now' }],
      ['POST', `/v1/schedules/${schedule.id}/pause`, undefined],
      ['POST', `/v1/schedules/${schedule.id}/resume`, undefined],
      ['DELETE', `/v1/schedules/${schedule.id}`, undefined],
    ] as const) {
      const response = await stranger.request<ProblemDetails>(method, path, body === undefined ? {} : { body });
      expect({ method, path, status: response.status, code: response.body.code }).toEqual({ method, path, status: 404, code: 'SCHEDULE_NOT_FOUND' });
    }
    const member = as(uniqueSubject('member'), { org });
    expect((await member.get(`/v1/schedules/${schedule.id}`)).status).toBe(200);
    expect((await member.request<ProblemDetails>('PATCH', `/v1/schedules/${schedule.id}`, { body: { name: 'theirs' } })).status).toBe(403);
    expect((await member.request('DELETE', `/v1/schedules/${schedule.id}`)).status).toBe(403);
    const admin = as(uniqueSubject('admin'), { roles: ['admin'] });
    expect((await admin.get(`/v1/schedules/${schedule.id}`)).status).toBe(200);
    expect((await owner.get<ScheduleDetailResponse>(`/v1/schedules/${schedule.id}`)).body.name).toBe('private');
  });

  it('pages with a cursor, refuses a foreign cursor, and widens to every owner for admins only', async () => {
    const sub = uniqueSubject('pager');
    const client = as(sub);
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) ids.push((await create(client, daily(`page ${index}`))).id);
    const first = (await client.get<ScheduleListResponse>('/v1/schedules?limit=2')).body;
    expect(first.hasMore).toBe(true);
    const second = (await client.get<ScheduleListResponse>(`/v1/schedules?limit=2&cursor=${first.nextCursor}`)).body;
    expect([...first.data, ...second.data].map((schedule) => schedule.id)).toEqual([...ids].reverse());
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });
    const foreign = await client.get<ProblemDetails>(`/v1/schedules?limit=2&enabled=false&cursor=${first.nextCursor}`);
    expect(foreign.body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
    expect((await client.get<ProblemDetails>('/v1/schedules?scope=all')).status).toBe(403);
    const admin = as(uniqueSubject('admin'), { roles: ['admin'] });
    expect((await admin.get<ScheduleListResponse>(`/v1/schedules?ownerId=${sub}`)).body.data).toHaveLength(3);
  });

  it('changes, pauses and resumes a schedule; a rejected change changes nothing', async () => {
    const client = as(uniqueSubject('editor'));
    const schedule = await create(client, daily('editable'));
    const bad = await client.request<ProblemDetails>('PATCH', `/v1/schedules/${schedule.id}`, { body: { cron: '0 9 * * *', payload: { text: 1 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((error) => error.field)).toContain('payload.text');
    expect((await client.get<ScheduleDetailResponse>(`/v1/schedules/${schedule.id}`)).body).toMatchObject({ cron: DAILY, nextFireAt: schedule.nextFireAt });

    const changed = await client.request<ScheduleResponse>('PATCH', `/v1/schedules/${schedule.id}`, { body: { cron: '0 9 * * *', timezone: 'America/New_York', maxAttempts: 3 } });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ cron: '0 9 * * *', timezone: 'America/New_York', maxAttempts: 3 });
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(new Date(changed.body.nextFireAt ?? ''))).toBe('09:00');

    const paused = await client.post<ScheduleResponse>(`/v1/schedules/${schedule.id}/pause`);
    expect(paused.body).toMatchObject({ enabled: false, nextFireAt: null });
    expect((await client.get<ScheduleDetailResponse>(`/v1/schedules/${schedule.id}`)).body.nextFireTimes).toEqual([]);
    expect((await client.get<ScheduleListResponse>('/v1/schedules?enabled=false')).body.data.map((item) => item.id)).toEqual([schedule.id]);
    const resumed = await client.post<ScheduleResponse>(`/v1/schedules/${schedule.id}/resume`);
    expect(resumed.body).toMatchObject({ enabled: true, nextFireAt: changed.body.nextFireAt });
  });

  it('fires one job per planned firing with two workers running, and a worker runs each; the jobs name their schedule', async () => {
    const secondPort = await freePort();
    await stack.startWorker({ WORKER_HTTP_PORT: String(secondPort), WORKER_HTTP_HOST: '127.0.0.1' });
    const client = as(uniqueSubject('fired'));
    const schedule = await create(client, daily('often', { cron: EVERY_TWO_SECONDS, timezone: 'UTC', metadata: { origin: 'schedule' } }));
    const listJobs = async () => (await client.get<JobListResponse>(`/v1/jobs?scheduleId=${schedule.id}&limit=100`)).body.data;
    const jobs = await waitUntil(listJobs, (found) => found.filter((job) => job.status === 'COMPLETED').length >= 3, { timeoutMs: 30_000, intervalMs: 200 });
    expect((await client.post<ScheduleResponse>(`/v1/schedules/${schedule.id}/pause`)).status).toBe(200);

    const plannedTimes = jobs.map((job) => job.scheduledFor);
    expect(new Set(plannedTimes).size).toBe(plannedTimes.length);
    for (const job of jobs) {
      expect(job).toMatchObject({ scheduleId: schedule.id, type: 'text.indicators', metadata: { origin: 'schedule' } });
      expect(new Date(job.scheduledFor ?? '').getUTCSeconds() % 2).toBe(0);
    }
    const completed = jobs.find((job) => job.status === 'COMPLETED');
    const whole = (await client.get<JobResponse>(`/v1/jobs/${completed?.id}`)).body;
    expect(whole.result).toMatchObject({ indicators: [expect.objectContaining({ value: '10.0.0.1' })] });

    const detail = (await client.get<ScheduleDetailResponse>(`/v1/schedules/${schedule.id}`)).body;
    expect(detail.lastFiredAt).not.toBeNull();
    expect(detail.lastJobs.length).toBeGreaterThanOrEqual(3);
    expect(detail.lastJobs[0]?.links.self).toBe(`/v1/jobs/${detail.lastJobs[0]?.id}`);
    // Directly submitted jobs carry no schedule.
    const direct = await client.post<{ jobId: string }>('/v1/jobs', { type: 'text.indicators', payload: { text: 'x' } });
    expect((await client.get<JobResponse>(`/v1/jobs/${direct.body.jobId}`)).body).toMatchObject({ scheduleId: null, scheduledFor: null });
    expect((await client.get<ProblemDetails>('/v1/jobs?scheduleId=nope')).body.errors?.[0]?.field).toBe('scheduleId');

    // Either worker may have made any firing: the two workers' counts together cover every job made.
    const metrics = await Promise.all([workerUrl, `http://127.0.0.1:${secondPort}`].map(async (url) => (await fetch(`${url}/metrics`)).text()));
    const total = (name: string, labels: Record<string, string>) => metrics.reduce((sum, text) => sum + (sample(text, name, labels) ?? 0), 0);
    expect(total('schedule_firings_total', { type: 'text.indicators', outcome: 'created' })).toBeGreaterThanOrEqual(jobs.length);
    expect(total('schedule_firing_lateness_seconds_count', { type: 'text.indicators' })).toBeGreaterThanOrEqual(jobs.length);
    for (const text of metrics) expect(sample(text, 'schedules', { enabled: 'true' })).toBeGreaterThanOrEqual(1);
  });

  it('deletes a schedule; the jobs it made stay', async () => {
    const client = as(uniqueSubject('deleter'));
    const schedule = await create(client, daily('short-lived', { cron: EVERY_TWO_SECONDS, timezone: 'UTC' }));
    const [job] = await waitUntil(
      async () => (await client.get<JobListResponse>(`/v1/jobs?scheduleId=${schedule.id}`)).body.data,
      (found) => found.length >= 1,
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const response = await client.request<{ deleted: number }>('DELETE', `/v1/schedules/${schedule.id}`);
    expect(response.body).toEqual({ deleted: 1 });
    expect((await client.get<ProblemDetails>(`/v1/schedules/${schedule.id}`)).status).toBe(404);
    expect((await client.get<JobResponse>(`/v1/jobs/${job?.id}`)).body.scheduleId).toBe(schedule.id);
  });

  it('runs firings missed while no worker ran once, for the latest missed time, then keeps time', async () => {
    await Promise.all(stack.workers.splice(0).map((worker) => worker.stop()));
    const client = as(uniqueSubject('downtime'));
    const schedule = await create(client, daily('through an outage', { cron: EVERY_TWO_SECONDS, timezone: 'UTC' }));
    // At least four firings pass with no worker running.
    await new Promise((resolve) => setTimeout(resolve, 9_000));
    const downUntil = Date.now();
    expect((await client.get<JobListResponse>(`/v1/jobs?scheduleId=${schedule.id}`)).body.data).toEqual([]);

    await stack.startWorker();
    const listJobs = async () => (await client.get<JobListResponse>(`/v1/jobs?scheduleId=${schedule.id}&limit=100&sort=createdAt&order=asc`)).body.data;
    await waitUntil(listJobs, (found) => found.length >= 3, { timeoutMs: 30_000, intervalMs: 200 });
    await client.post(`/v1/schedules/${schedule.id}/pause`);
    const planned = (await listJobs()).map((job) => new Date(job.scheduledFor ?? '').getTime()).sort((a, b) => a - b);
    // The outage's firings made one job at most, planned for the latest of them, not the first.
    expect(planned.filter((time) => time <= downUntil).length).toBeLessThanOrEqual(1);
    expect(planned[0]).toBeGreaterThanOrEqual(downUntil - 2_000);
    expect(new Set(planned).size).toBe(planned.length);
  });
});
