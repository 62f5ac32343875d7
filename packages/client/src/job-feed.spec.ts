import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode, type JobFeedEvent } from '@jobs/contracts';
import { JobsApiError } from './errors.js';
import { JobsClient } from './jobs-client.js';

/** A real HTTP server answering each connection of the feed by the next handler of a script (the last one repeats). */
async function feedServer(script: Array<(request: IncomingMessage, response: ServerResponse) => void>): Promise<{ url: string; requests: IncomingMessage[]; server: Server }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    script[Math.min(requests.length - 1, script.length - 1)]?.(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const eventStream = (response: ServerResponse, text: string): void => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(text);
};

const created = { id: 'j1', type: 'text.indicators', status: 'PENDING', createdAt: '2026-12-06T12:00:00.000Z' };
const changed = (status: string) => ({ id: 'j1', type: 'text.indicators', status, progress: null, attempts: 1, updatedAt: '2026-12-06T12:00:01.000Z' });

describe('JobsClient.watchJobs', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    server?.close();
  });

  it('yields the typed events with the token and query sent, reconnects after a drop, until aborted', async () => {
    const feed = await feedServer([
      // Like the API, each connection starts with resync. The first sets a short delay, sends two events
      // between a heartbeat and one a newer server might add, then drops.
      (_request, response) => {
        eventStream(response, `retry: 20\n\nevent: resync\ndata: {}\n\nevent: created\ndata: ${JSON.stringify(created)}\n\n: ping\n\nevent: novel\ndata: {}\n\nevent: changed\ndata: ${JSON.stringify(changed('PROCESSING'))}\n\n`);
        response.end();
      },
      // The next stays open after one event.
      (_request, response) => eventStream(response, `event: resync\ndata: {}\n\nevent: changed\ndata: ${JSON.stringify(changed('COMPLETED'))}\n\n`),
    ]);
    server = feed.server;
    const abort = new AbortController();
    const client = new JobsClient({ baseUrl: feed.url, token: () => 'secret-token' });
    const received: JobFeedEvent[] = [];

    await expect(
      (async () => {
        for await (const event of client.watchJobs({ scope: 'all', type: ['text.indicators', 'domain.similar'] }, { signal: abort.signal })) {
          received.push(event);
          if (received.length === 5) abort.abort(new Error('done watching'));
        }
      })(),
    ).rejects.toThrow('done watching');

    expect(received).toEqual([
      { event: 'resync', data: {} },
      { event: 'created', data: created },
      { event: 'changed', data: changed('PROCESSING') },
      { event: 'resync', data: {} },
      { event: 'changed', data: changed('COMPLETED') },
    ]);
    expect(feed.requests.map((request) => [request.url, request.headers.authorization, request.headers.accept])).toEqual([
      ['/v1/jobs/events?scope=all&type=text.indicators%2Cdomain.similar', 'Bearer secret-token', 'text/event-stream'],
      ['/v1/jobs/events?scope=all&type=text.indicators%2Cdomain.similar', 'Bearer secret-token', 'text/event-stream'],
    ]);
  });

  it('waits out a 503, then passes on the resync the feed starts with', async () => {
    const feed = await feedServer([
      (_request, response) => {
        response.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '0' });
        response.end(JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'db away', code: ErrorCode.SERVICE_UNAVAILABLE }));
      },
      (_request, response) => eventStream(response, `retry: 20\n\nevent: resync\ndata: {}\n\nevent: created\ndata: ${JSON.stringify(created)}\n\n`),
    ]);
    server = feed.server;
    const client = new JobsClient({ baseUrl: feed.url, token: 't' });
    const received: JobFeedEvent[] = [];
    for await (const event of client.watchJobs()) {
      received.push(event);
      if (received.length === 2) break;
    }
    expect(received).toEqual([{ event: 'resync', data: {} }, { event: 'created', data: created }]);
    expect(feed.requests).toHaveLength(2);
  });

  it('ends with the problem when the API refuses the feed for good, without trying again', async () => {
    const feed = await feedServer([
      (_request, response) => {
        response.writeHead(403, { 'content-type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'scope=all needs the admin role.', code: ErrorCode.FORBIDDEN }));
      },
    ]);
    server = feed.server;
    const client = new JobsClient({ baseUrl: feed.url, token: 't' });
    const refusal = await client.watchJobs({ scope: 'all' }).next().catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(JobsApiError);
    expect(refusal).toMatchObject({ status: 403, code: ErrorCode.FORBIDDEN });
    expect(feed.requests).toHaveLength(1);
  });

  it('gives up after maxReconnects failed attempts in a row', async () => {
    const feed = await feedServer([(request) => request.socket.destroy()]);
    server = feed.server;
    const client = new JobsClient({ baseUrl: feed.url, token: 't' });
    await expect(client.watchJobs({}, { maxReconnects: 2 }).next()).rejects.toThrow('the jobs feed could not reconnect after 3 attempts');
    expect(feed.requests).toHaveLength(3);
  });
});
