import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { JobAcceptedResponse, JobLogLine, JobLogsResponse, JobResponse, JobSummary, ProblemDetails } from '@jobs/contracts';
import { type ApiClient, mintToken, openEventStream, type ServerSentEvent, startStack, type TestStack, uniqueSubject, waitUntil } from '@jobs/testing';

const CLI = fileURLToPath(new URL('../../../packages/client/dist/cli/main.js', import.meta.url));
const DIAGNOSTICS = { ENABLE_DIAGNOSTIC_JOBS: 'true' };
/** Small, so a job reaches it quickly. */
const MAX_LINES = 40;
const execute = promisify(execFile);

describe('job logs: GET /v1/jobs/:id/logs, log events on the stream, jobs logs', () => {
  let stack: TestStack;
  let token: string;
  let client: ApiClient;

  beforeAll(async () => {
    stack = await startStack({ apiEnv: DIAGNOSTICS, workerEnv: { ...DIAGNOSTICS, WORKER_LOG_MAX_LINES: String(MAX_LINES) } });
    token = mintToken({ sub: uniqueSubject('logger') }, { expiresIn: '1h' });
    client = stack.client.withToken(token);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  async function submit(payload: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<string> {
    return (await client.post<JobAcceptedResponse>('/v1/jobs', { type: 'diagnostics.sleep', payload, ...extra })).body.jobId;
  }

  const untilFinished = (jobId: string): Promise<JobSummary> =>
    waitUntil(
      async () => (await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body,
      (job) => ['COMPLETED', 'FAILED', 'CANCELLED'].includes(job.status),
      { timeoutMs: 60_000 },
    );

  const streamUrl = (jobId: string, query = ''): string => `${stack.api.url}/v1/jobs/${jobId}/stream${query}`;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const logsOf = (events: ServerSentEvent[]): JobLogLine[] => events.filter((event) => event.event === 'log').map((event) => event.data as JobLogLine);

  it("lists a finished job's lines in order, with level, attempt and fields, a page at a time; the job links to them", async () => {
    const jobId = await submit({ durationMs: 200, steps: 5, logLines: 25, failAttempts: 1 }, { maxAttempts: 2 });
    await untilFinished(jobId);
    const job = (await client.get<JobResponse>(`/v1/jobs/${jobId}`)).body;
    expect(job.links.logs).toBe(`/v1/jobs/${jobId}/logs`);

    const first = await client.get<JobLogsResponse>(`${job.links.logs}?limit=10`);
    expect(first.status).toBe(200);
    expect(first.body.data.map((line) => line.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.body).toMatchObject({ lastSeq: 10, hasMore: true });
    // The first attempt failed before logging; every line is the second's.
    expect(first.body.data[0]).toEqual({ seq: 1, attempt: 2, level: 'info', time: expect.any(String), message: 'line 1 of 25', fields: { line: 1, step: 1 }, truncated: false });
    expect(first.body.data[9]).toMatchObject({ level: 'warn', message: 'line 10 of 25' });
    const rest = await client.get<JobLogsResponse>(`${job.links.logs}?after=10&limit=1000`);
    expect(rest.body.data.map((line) => line.fields?.['line'])).toEqual(Array.from({ length: 15 }, (_, index) => index + 11));
    expect(rest.body).toMatchObject({ lastSeq: 25, hasMore: false });
    const times = [...first.body.data, ...rest.body.data].map((line) => Date.parse(line.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const none = await client.get<JobLogsResponse>(`${job.links.logs}?after=25`);
    expect(none.body).toEqual({ data: [], lastSeq: 25, hasMore: false });
  });

  it('keeps a job to its bound: the lines up to it, then one truncated marker', async () => {
    const jobId = await submit({ durationMs: 100, steps: 2, logLines: 100 });
    await untilFinished(jobId);
    const { body } = await client.get<JobLogsResponse>(`/v1/jobs/${jobId}/logs?limit=1000`);
    expect(body.data).toHaveLength(MAX_LINES + 1);
    expect(body.data.slice(0, MAX_LINES).every((line) => !line.truncated)).toBe(true);
    expect(body.data.at(-1)).toMatchObject({ seq: MAX_LINES + 1, level: 'warn', truncated: true, message: expect.stringContaining('log truncated') });
  });

  it("shows a job's log exactly to whoever may see the job: 404 otherwise, 400 for a bad query", async () => {
    const jobId = await submit({ durationMs: 0, steps: 1, logLines: 1 });
    await untilFinished(jobId);
    const stranger = stack.client.withToken(mintToken({ sub: uniqueSubject('stranger') }));
    const admin = stack.client.withToken(mintToken({ sub: uniqueSubject('admin'), roles: ['admin'] }));
    expect((await stranger.get<ProblemDetails>(`/v1/jobs/${jobId}/logs`)).body).toMatchObject({ status: 404, code: 'JOB_NOT_FOUND' });
    expect((await client.get<ProblemDetails>('/v1/jobs/00000000-0000-4000-8000-000000000000/logs')).status).toBe(404);
    expect((await admin.get<JobLogsResponse>(`/v1/jobs/${jobId}/logs`)).body.data).toHaveLength(1);
    for (const [query, field] of [
      ['after=-1', 'after'],
      ['after=x', 'after'],
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['since=1', 'since'],
    ] as const) {
      const refused = await client.get<ProblemDetails>(`/v1/jobs/${jobId}/logs?${query}`);
      expect([query, refused.status, refused.body.errors?.map((error) => error.field)]).toEqual([query, 400, [field]]);
    }
    expect((await client.get<ProblemDetails>('/v1/jobs/not-a-uuid/logs')).status).toBe(400);
    const badStream = await openEventStream(streamUrl(jobId, '?logsAfter=-3'), auth());
    expect(badStream.status).toBe(400);
  });

  it('pushes lines on the stream as they are logged, in order, before the result; ids carry the log position', async () => {
    const jobId = await submit({ durationMs: 3_000, steps: 6, logLines: 12 });
    const stream = await openEventStream(streamUrl(jobId, '?logsAfter=0'), auth());
    const events = (await stream.rest(60_000)).filter((event) => event.event !== 'ping');
    const lines = logsOf(events);
    expect(lines.map((line) => line.seq)).toEqual(Array.from({ length: 12 }, (_, index) => index + 1));
    // Live: some lines arrived before the last progress, not all at the end.
    const firstLog = events.findIndex((event) => event.event === 'log');
    const lastProgress = events.findLastIndex((event) => event.event === 'progress');
    expect(firstLog).toBeLessThan(lastProgress);
    expect(events.at(-1)?.event).toBe('result');
    for (const event of events.filter((item) => item.event === 'log')) expect(event.id).toMatch(new RegExp(`\\.L${(event.data as JobLogLine).seq}$`));
    expect(events.at(-1)?.id).toMatch(/^\d+\.final\.L12$/);
  });

  it('resumes the log after Last-Event-ID: no line twice, none lost; without logsAfter a fresh stream sends only new lines', async () => {
    const jobId = await submit({ durationMs: 3_000, steps: 6, logLines: 12 });
    const first = await openEventStream(streamUrl(jobId, '?logsAfter=0'), auth());
    const before: ServerSentEvent[] = [];
    for (let event = await first.next(30_000); event; event = await first.next(30_000)) {
      before.push(event);
      if (logsOf(before).length >= 3) break;
    }
    first.close();
    const lastId = before.at(-1)?.id ?? '';
    expect(lastId).toMatch(/\.L3$/);
    const late = await openEventStream(streamUrl(jobId), auth());
    const resumed = await (await openEventStream(streamUrl(jobId), { ...auth(), 'last-event-id': lastId })).rest(60_000);
    expect(logsOf(resumed).map((line) => line.seq)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(resumed.at(-1)?.event).toBe('result');
    const lateLines = logsOf(await late.rest(60_000)).map((line) => line.seq);
    expect(lateLines.length).toBeLessThan(12);
    expect(lateLines).toEqual(Array.from({ length: lateLines.length }, (_, index) => 12 - lateLines.length + index + 1));
  });

  it('jobs logs prints the lines; --follow prints them as they come and ends when the job has', async () => {
    const env = { PATH: process.env['PATH'] ?? '', JOBS_API_URL: stack.api.url, JOBS_TOKEN: token };
    const jobId = await submit({ durationMs: 2_500, steps: 5, logLines: 5 });
    const followed = await execute(process.execPath, [CLI, 'logs', jobId, '--follow'], { env });
    const printed = followed.stdout.trim().split('\n');
    expect(printed).toHaveLength(5);
    expect(printed[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z INFO  #1 line 1 of 5 \{"line":1,"step":1\}$/);
    expect(printed[4]).toMatch(/ INFO  #1 line 5 of 5 /);
    // --follow ended with the job: it is finished, and its log is what was printed.
    expect((await client.get<JobSummary>(`/v1/jobs/${jobId}/status`)).body.status).toBe('COMPLETED');
    // On the stream of the finished job: every line, each with an id, then the result.
    const replayed = await (await openEventStream(streamUrl(jobId, '?logsAfter=0'), auth())).rest(10_000);
    expect(replayed.map((event) => [event.event, event.id?.replace(/^\d+\./, '')])).toEqual([
      ...[1, 2, 3, 4, 5].map((seq) => ['log', `1.L${seq}`]),
      ['result', 'final.L5'],
    ]);
    const again = await execute(process.execPath, [CLI, 'logs', jobId, '--json', '--after', '3'], { env });
    expect(again.stdout.trim().split('\n').map((line) => (JSON.parse(line) as JobLogLine).seq)).toEqual([4, 5]);
  });
});
