import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, openEventStream, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

describe('GET /v1/jobs/:id/stream', () => {
  let stack: TestStack;
  let token: string;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: { ...DIAGNOSTICS, SSE_PING_SECONDS: '1' }, workerEnv: DIAGNOSTICS });
    token = mintToken({ sub: uniqueSubject('watcher') });
    client = stack.client.withToken(token);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function submit(body: Record<string, unknown>): Promise<string> {
    return (await client.post<JobAcceptedResponse>('/v1/jobs', body)).body.jobId;
  }

  const streamUrl = (jobId: string): string => `${stack.api.url}/v1/jobs/${jobId}/stream`;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });

  it('pushes status and progress as they happen, then the whole job as the result, then closes', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_500, steps: 5 }, delaySeconds: 1 });
    const stream = await openEventStream(streamUrl(jobId), auth());
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');

    const events = (await stream.rest(15_000)).filter((event) => event.event !== 'ping');

    expect(events[0]).toMatchObject({ event: 'status', data: { jobId, status: 'PENDING' } });
    expect(events.filter((event) => event.event === 'status').map((event) => (event.data as JobSummary).status)).toEqual(['PENDING', 'PROCESSING']);
    const progress = events.filter((event) => event.event === 'progress').map((event) => (event.data as { current: number }).current);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const last = events.at(-1);
    expect(last?.event).toBe('result');
    expect(last?.data).toMatchObject({ id: jobId, status: 'COMPLETED', result: { steps: 5 } });
    expect(last?.id).toMatch(/^\d+\.final$/);
    const ids = events.filter((event) => event.id !== null && !event.id.endsWith('.final')).map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('sends the result at once for a finished job, and 204 to a client that already has it', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: '192.0.2.77' } });
    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => job.status === 'COMPLETED');

    const events = await (await openEventStream(streamUrl(jobId), auth())).rest(5_000);

    expect(events.map((event) => event.event)).toEqual(['result']);
    const job = (await client.get<JobResponse>(`/v1/jobs/${jobId}`)).body;
    expect(events[0]?.data).toEqual(job);
    const again = await openEventStream(streamUrl(jobId), { ...auth(), 'last-event-id': events[0]?.id ?? '' });
    expect(again.status).toBe(204);
  });

  it('resumes after Last-Event-ID without losing the final event', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_200, steps: 4 } });
    const first = await openEventStream(streamUrl(jobId), auth());
    let lastId: string | null = null;
    for (let event = await first.next(); event; event = await first.next()) {
      if (event.id) lastId = event.id;
      if (event.event === 'progress') break;
    }
    first.close();
    expect(lastId).toMatch(/^\d+$/);

    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => job.status === 'COMPLETED');
    const resumed = await (await openEventStream(streamUrl(jobId), { ...auth(), 'last-event-id': lastId ?? '' })).rest(5_000);

    expect(resumed.map((event) => event.event)).toEqual(['result']);
    expect(resumed[0]?.data).toMatchObject({ id: jobId, status: 'COMPLETED' });
  });

  it('reports JobTimeout as an error event before the result', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 20_000 }, timeoutSeconds: 1, maxAttempts: 1 });
    const events = (await (await openEventStream(streamUrl(jobId), auth())).rest(15_000)).filter((event) => event.event !== 'ping');

    expect(events.slice(-2).map((event) => event.event)).toEqual(['error', 'result']);
    expect(events.at(-2)?.data).toEqual({ code: 'JobTimeout', message: 'Job exceeded its timeout of 1s and was aborted' });
    expect(events.at(-1)?.data).toMatchObject({ status: 'FAILED', error: { code: 'JobTimeout' } });
  });

  it('sends ping events while nothing happens', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'later' }, delaySeconds: 3600 });
    const stream = await openEventStream(streamUrl(jobId), auth());
    const seen: string[] = [];
    for (let index = 0; index < 3; index += 1) seen.push((await stream.next(5_000))?.event ?? 'end');
    stream.close();
    expect(seen).toEqual(['status', 'ping', 'ping']);
  });

  it('accepts the token as ?access_token= on this route only, and refuses strangers with a problem', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 });
    const stream = await openEventStream(`${streamUrl(jobId)}?access_token=${token}`);
    expect(stream.status).toBe(200);
    expect((await stream.next())?.event).toBe('status');
    stream.close();

    expect((await stack.client.get<ProblemDetails>(`/v1/jobs/${jobId}?access_token=${token}`)).status).toBe(401);
    const stranger = await openEventStream(streamUrl(jobId), { authorization: `Bearer ${mintToken({ sub: uniqueSubject('stranger') })}` });
    expect(stranger.status).toBe(404);
    expect((await openEventStream(streamUrl(jobId))).status).toBe(401);
  });

  it('frees every subscription when clients go away: 500 streams opened and dropped', async () => {
    const jobId = await submit({ type: 'text.indicators', payload: { text: 'x' }, delaySeconds: 3600 });
    type Readiness = { details: { events: { streams: number; subscribers: number } } };
    const health = async (): Promise<number> => (await stack.client.get<Readiness>('/health/ready')).body.details.events.subscribers;
    const baseline = await health();
    const streams = await Promise.all(Array.from({ length: 500 }, () => openEventStream(streamUrl(jobId), auth())));
    await Promise.all(streams.map((stream) => stream.next()));
    expect(await health()).toBe(baseline + 500);

    for (const stream of streams) stream.close();

    await waitUntil(health, (subscribers) => subscribers === baseline, { timeoutMs: 10_000 });
    expect((await stack.client.get<Readiness>('/health/ready')).body.details.events.streams).toBe(0);
  });
});
