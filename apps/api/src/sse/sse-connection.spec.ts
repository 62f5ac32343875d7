import { once } from 'node:events';
import { get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import express from 'express';
import { MAX_UNREAD_BYTES, SseConnection, type SseConnectionOptions } from './sse-connection.js';

/** An Express server whose one route starts an SseConnection and hands it to the test. */
async function serve(options: Omit<SseConnectionOptions, 'onSlowClient'>): Promise<{ server: Server; url: string; connection: Promise<SseConnection>; slowClients: () => number }> {
  let slow = 0;
  let opened!: (connection: SseConnection) => void;
  const connection = new Promise<SseConnection>((resolve) => (opened = resolve));
  const app = express();
  app.get('/events', (_request, response) => opened(new SseConnection(response, { ...options, onSlowClient: () => (slow += 1) })));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`, connection, slowClients: () => slow };
}

async function open(url: string): Promise<IncomingMessage> {
  const request = get(url);
  const [response] = (await once(request, 'response')) as [IncomingMessage];
  return response;
}

/** Everything the client reads until the server ends the response. */
async function readAll(response: IncomingMessage): Promise<string> {
  let text = '';
  response.setEncoding('utf8');
  for await (const chunk of response) text += chunk as string;
  return text;
}

describe('SseConnection', () => {
  let server: Server | undefined;

  afterEach(() => {
    server?.closeAllConnections();
    server?.close();
  });

  it('starts with the event-stream headers and the reconnection delay, sends events and heartbeat comments, and ends when closed', async () => {
    const served = await serve({ heartbeatSeconds: 0.05, heartbeat: 'comment' });
    server = served.server;
    const response = await open(served.url);
    const connection = await served.connection;
    connection.send('created', { id: 'j1' });
    const closedWith: string[] = [];
    connection.onClose(() => closedWith.push('cleanup'));
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes(': ping')) connection.close();
    });
    await once(response, 'end');

    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache, no-transform');
    expect(text).toMatch(/^retry: 1000\n\nevent: created\ndata: \{"id":"j1"\}\n\n(: ping\n\n)+$/);
    expect(closedWith).toEqual(['cleanup']);
    connection.send('changed', { id: 'j1' });
    expect(connection.isClosed).toBe(true);
  });

  it('sends heartbeats as ping events where asked', async () => {
    const served = await serve({ heartbeatSeconds: 0.05, heartbeat: 'ping-event' });
    server = served.server;
    const response = await open(served.url);
    const connection = await served.connection;
    response.setEncoding('utf8');
    let text = '';
    response.on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('event: ping')) connection.close();
    });
    await once(response, 'end');
    expect(text).toMatch(/event: ping\ndata: \{"at":"\d{4}-\d{2}-\d{2}T[^"]+Z"\}\n\n/);
  });

  it('cuts off a client that leaves too much unread, instead of holding it all', async () => {
    const served = await serve({ heartbeatSeconds: 60, heartbeat: 'comment' });
    server = served.server;
    const response = await open(served.url);
    const connection = await served.connection;
    // The client reads nothing: the socket's buffers fill, then the connection's own.
    response.pause();
    const chunk = 'x'.repeat(64 * 1024);
    let sent = 0;
    while (!connection.isClosed) {
      connection.send('changed', chunk);
      sent += chunk.length;
      // Lets the socket hand what it can to the kernel between writes.
      await new Promise((resolve) => setImmediate(resolve));
    }

    expect(served.slowClients()).toBe(1);
    expect(sent).toBeGreaterThan(MAX_UNREAD_BYTES);
    response.resume();
    // What reaches the client is cut short: the connection was destroyed, not ended.
    await expect(readAll(response)).rejects.toThrow();
  });
});
