import { describe, expect, it } from '@jest/globals';
import { EventStreamParser } from './event-stream.js';

describe('EventStreamParser', () => {
  it('returns events once complete, across chunk boundaries', () => {
    const parser = new EventStreamParser();
    expect(parser.feed('id: 17\nevent: sta')).toEqual([]);
    expect(parser.feed('tus\ndata: {"status":"PENDING"}\n\nevent: ping\n')).toEqual([{ event: 'status', id: '17', data: '{"status":"PENDING"}' }]);
    expect(parser.feed('data: {}\n\n')).toEqual([{ event: 'ping', id: null, data: '{}' }]);
    expect(parser.lastEventId).toBe('17');
  });

  it('joins multi-line data, skips comments, defaults the event name and reads CRLF', () => {
    const parser = new EventStreamParser();
    expect(parser.feed(': keep-alive\r\ndata: one\r\ndata:two\r\n\r\n')).toEqual([{ event: 'message', id: null, data: 'one\ntwo' }]);
  });

  it('keeps the server\'s retry delay, and ignores blocks without data', () => {
    const parser = new EventStreamParser();
    expect(parser.feed('retry: 1000\n\n')).toEqual([]);
    expect(parser.retryMs).toBe(1000);
    expect(parser.feed('retry: soon\n\n')).toEqual([]);
    expect(parser.retryMs).toBe(1000);
  });
});
