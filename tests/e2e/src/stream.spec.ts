import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobProgress, JobResponse, JobStatusEventData, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, openEventStream, type ServerSentEvent, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';
import { EventSource } from 'eventsource';
import { DroppingProxy } from './support/dropping-proxy.js';

const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };

/** An event id as numbers (run, step, progress time; `final` after everything), to compare positions in a stream. */
function position(id: string): number[] {
  const [run = '', step = '', progressAt = '0'] = id.split('.');
  return step === 'final' ? [Number(run), Number.POSITIVE_INFINITY, 0] : [Number(run), Number(step), Number(progressAt)];
}

function isBefore(earlier: string, later: string): boolean {
  const [a, b] = [position(earlier), position(later)];
  const index = a.findIndex((value, at) => value !== b[at]);
  return index >= 0 && (a[index] ?? 0) < (b[index] ?? 0);
}

/** Every id present, none repeated, each after the one before it. */
function expectStrictlyIncreasing(ids: (string | null)[]): void {
  expect(ids.every((id) => typeof id === 'string' && id !== '')).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  const present = ids as string[];
  for (let index = 1; index < present.length; index += 1) expect([present[index - 1], present[index], isBefore(present[index - 1] ?? '', present[index] ?? '')]).toEqual([present[index - 1], present[index], true]);
}

const statusOf = (event: ServerSentEvent): string => `${(event.data as JobStatusEventData).status}/${(event.data as JobStatusEventData).attempts}`;

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
    // No worker runs until the stream is open, so it sees the job from its first status however slow the machine.
    await Promise.all(stack.workers.splice(0).map((worker) => worker.stop()));
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 1_500, steps: 5 } });
    const stream = await openEventStream(streamUrl(jobId), auth());
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const first = await stream.next();
    await stack.startWorker();

    const events = [first, ...(await stream.rest(30_000))].filter((event): event is ServerSentEvent => event !== null && event.event !== 'ping');

    expect(events[0]).toMatchObject({ event: 'status', data: { jobId, status: 'PENDING' } });
    expect(events.filter((event) => event.event === 'status').map((event) => (event.data as JobSummary).status)).toEqual(['PENDING', 'PROCESSING']);
    const progress = events.filter((event) => event.event === 'progress').map((event) => (event.data as { current: number }).current);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const last = events.at(-1);
    expect(last?.event).toBe('result');
    expect(last?.data).toMatchObject({ id: jobId, status: 'COMPLETED', result: { steps: 5 } });
    expect(last?.id).toMatch(/^\d+\.final$/);
    expect(stream.retryMs).toBe(1000);
    expectStrictlyIncreasing(events.map((event) => event.id));
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
    // A progress event's id: run, step (attempt 1 running) and the progress's time.
    expect(lastId).toMatch(/^\d+\.1\.\d+$/);

    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body, (job) => job.status === 'COMPLETED');
    const resumed = await (await openEventStream(streamUrl(jobId), { ...auth(), 'last-event-id': lastId ?? '' })).rest(5_000);

    expect(resumed.map((event) => event.event)).toEqual(['result']);
    expect(resumed[0]?.data).toMatchObject({ id: jobId, status: 'COMPLETED' });
  });

  it('resumes a real EventSource after dropped connections: each missed status in order, the latest progress, nothing twice, the result once', async () => {
    const proxy = await DroppingProxy.start(stack.api.url);
    // Waits 3 s, fails its first attempt, waits for the retry, then runs 12 s reporting progress each 1.2 s.
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 12_000, steps: 10, failAttempts: 1 }, delaySeconds: 3 });
    const source = new EventSource(`${proxy.url}/v1/jobs/${jobId}/stream?access_token=${token}`);
    const received: ServerSentEvent[] = [];
    const connectionErrors: (number | undefined)[] = [];
    for (const name of ['status', 'progress', 'result', 'error']) {
      source.addEventListener(name, (event) => {
        if (event instanceof MessageEvent) received.push({ event: name, id: event.lastEventId, data: JSON.parse(event.data as string) as unknown });
        else connectionErrors.push((event as { code?: number }).code);
      });
    }
    const job = async (): Promise<JobSummary> => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body;
    const progressOf = (summary: JobSummary): number => summary.progress?.current ?? 0;

    /** Cuts the connection, keeps the client away until the job is `until`, lets it back in, and returns what the job was then. */
    async function dropUntil(until: (summary: JobSummary) => boolean): Promise<{ lastIdBefore: string | null; receivedBefore: number; jobAtReturn: JobSummary }> {
      const lastIdBefore = received.at(-1)?.id ?? null;
      const reconnects = proxy.requests.length;
      proxy.dropAndHold();
      const jobAtReturn = await waitUntil(job, until, { timeoutMs: 60_000 });
      // EventSource noticed the drop and is trying again (held by the proxy), as it would against a down server.
      await waitUntil(async () => source.readyState, (state) => state === source.CONNECTING);
      const receivedBefore = received.length;
      proxy.release();
      await waitUntil(async () => proxy.requests.length, (count) => count > reconnects);
      return { lastIdBefore, receivedBefore, jobAtReturn };
    }

    try {
      await waitUntil(async () => received.length, (count) => count >= 1);
      const first = await dropUntil((summary) => summary.status === 'PROCESSING' && summary.attempts === 2 && progressOf(summary) >= 2);
      await waitUntil(async () => received.slice(first.receivedBefore).some((event) => event.event === 'progress'), Boolean, { timeoutMs: 30_000 });
      const second = await dropUntil((summary) => summary.status !== 'PROCESSING' || progressOf(summary) >= progressOf(first.jobAtReturn) + 2);
      await waitUntil(async () => received.at(-1)?.event, (event) => event === 'result', { timeoutMs: 60_000 });
      // The server ended the stream after the result; EventSource came back with the result's id, got 204 and stopped.
      await waitUntil(async () => source.readyState, (state) => state === source.CLOSED);

      expect(received.filter((event) => event.event === 'status').map(statusOf)).toEqual(['PENDING/0', 'PROCESSING/1', 'PENDING/1', 'PROCESSING/2']);
      const resultEvents = received.filter((event) => event.event === 'result');
      expect(resultEvents).toHaveLength(1);
      expect(received.at(-1)?.data).toMatchObject({ id: jobId, status: 'COMPLETED', attempts: 2, result: { attempt: 2, steps: 10 } });
      expect(received.some((event) => event.event === 'error')).toBe(false);
      expectStrictlyIncreasing(received.map((event) => event.id));
      const progress = received.filter((event) => event.event === 'progress').map((event) => (event.data as JobProgress).current);
      expect(new Set(progress).size).toBe(progress.length);
      expect(progress).toEqual([...progress].sort((a, b) => a - b));

      // Each reconnection carried the last id the client had; the first drop came before any running.
      expect(proxy.lastEventIds).toEqual([null, first.lastIdBefore, second.lastIdBefore, resultEvents[0]?.id]);
      expect(connectionErrors.at(-1)).toBe(204);
      expect(received.slice(0, first.receivedBefore).map(statusOf)).toEqual(['PENDING/0']);
      // After the first drop: every status it missed, in order, then the progress the job had by then (or later).
      const afterFirst = received.slice(first.receivedBefore);
      expect(afterFirst.slice(0, 3).map(statusOf)).toEqual(['PROCESSING/1', 'PENDING/1', 'PROCESSING/2']);
      expect(afterFirst[3]?.event).toBe('progress');
      expect((afterFirst[3]?.data as JobProgress).current).toBeGreaterThanOrEqual(progressOf(first.jobAtReturn));
      // After the second: no status (none changed), and straight to the latest progress, skipping what came between.
      const afterSecond = received.slice(second.receivedBefore);
      if (second.jobAtReturn.status === 'PROCESSING') {
        expect(afterSecond[0]?.event).toBe('progress');
        expect((afterSecond[0]?.data as JobProgress).current).toBeGreaterThanOrEqual(progressOf(second.jobAtReturn));
      } else {
        expect(afterSecond.map((event) => event.event)).toEqual(['result']);
      }
    } finally {
      source.close();
      await proxy.stop();
    }
  });

  it('resumes a finished job from any id it sent with only the later statuses and the result, then ends', async () => {
    const jobId = await submit({ type: 'diagnostics.sleep', payload: { durationMs: 900, steps: 3, failAttempts: 1 }, delaySeconds: 1 });
    const live = await openEventStream(streamUrl(jobId), auth());
    const events = (await live.rest(30_000)).filter((event) => event.event !== 'ping');
    expect(events.filter((event) => event.event === 'status').map(statusOf)).toEqual(['PENDING/0', 'PROCESSING/1', 'PENDING/1', 'PROCESSING/2']);
    expect(events.at(-1)?.event).toBe('result');

    for (const [index, event] of events.entries()) {
      const resumed = await openEventStream(streamUrl(jobId), { ...auth(), 'last-event-id': event.id ?? '' });
      if (event.event === 'result') {
        expect(resumed.status).toBe(204);
        continue;
      }
      expect(resumed.status).toBe(200);
      const rest = (await resumed.rest(10_000)).filter((later) => later.event !== 'ping');
      expect(resumed.retryMs).toBe(1000);
      // Exactly what the live stream sent after that event, less progress: the result carries the last.
      expect([event.id, rest]).toEqual([event.id, events.slice(index + 1).filter((later) => later.event !== 'progress')]);
    }
  });

  it('treats an unknown or garbage Last-Event-ID as a fresh start, never a 5xx', async () => {
    const pendingId = await submit({ type: 'text.indicators', payload: { text: 'later' }, delaySeconds: 3600 });
    const finishedId = await submit({ type: 'text.indicators', payload: { text: '192.0.2.8' } });
    await waitUntil(async () => (await client.get<JobSummary>(`/v1/jobs/${finishedId}/status`)).body, (job) => job.status === 'COMPLETED');
    const runOf = async (jobId: string): Promise<number> => Date.parse((await client.get<JobResponse>(`/v1/jobs/${jobId}`)).body.runAt);
    const [pendingRun, finishedRun] = [await runOf(pendingId), await runOf(finishedId)];
    const garbage = (run: number): string[] => [
      '',
      'garbage',
      '0',
      '.final',
      '1.2.3.4',
      '-1.0',
      `${run}.-1`,
      `${run}.99`,
      `${run}.0.${Date.now() + 3_600_000}`,
      `${run + 1}.0`,
      `${run + 1}.final`,
      '9'.repeat(400),
      `${'9'.repeat(20)}.1`,
      "'; DROP TABLE jobs; --",
    ];

    for (const lastEventId of [...garbage(pendingRun), `${pendingRun}.final`]) {
      const stream = await openEventStream(streamUrl(pendingId), { ...auth(), 'last-event-id': lastEventId });
      expect([lastEventId, stream.status]).toEqual([lastEventId, 200]);
      const first = await stream.next(10_000);
      stream.close();
      expect([lastEventId, first]).toEqual([lastEventId, { event: 'status', id: `${pendingRun}.0`, data: { jobId: pendingId, status: 'PENDING', attempts: 0 } }]);
      expect(stream.retryMs).toBe(1000);
    }
    for (const lastEventId of garbage(finishedRun)) {
      const stream = await openEventStream(streamUrl(finishedId), { ...auth(), 'last-event-id': lastEventId });
      expect([lastEventId, stream.status]).toEqual([lastEventId, 200]);
      const events = await stream.rest(10_000);
      expect([lastEventId, events.map((event) => [event.event, event.id])]).toEqual([lastEventId, [['result', `${finishedRun}.final`]]]);
    }
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
