import { describe, expect, it } from '@jest/globals';
import { CursorCodec, type CursorPosition, queryFingerprint } from './job-cursor.js';

const codec = new CursorCodec('a-secret-for-cursor-tests');
const POSITION: CursorPosition = {
  sort: 'createdAt',
  order: 'desc',
  value: '2026-01-01T00:00:00.000Z',
  id: '0b6c3c55-62a4-4f1c-9d5e-8b2f0f1f2a3b',
  query: queryFingerprint({ type: ['a'] }),
};
const EXPECTED = { sort: POSITION.sort, order: POSITION.order, query: POSITION.query };

function problemOf(run: () => unknown): { status: number; code: string; detail: string } {
  try {
    run();
  } catch (error) {
    const problem = error as { getStatus(): number; code: string; detail: string };
    return { status: problem.getStatus(), code: problem.code, detail: problem.detail };
  }
  throw new Error('expected a problem');
}

describe('CursorCodec', () => {
  it('round-trips a position, including null and numeric sort values', () => {
    expect(codec.decode(codec.encode(POSITION), EXPECTED)).toEqual(POSITION);
    const finished = { ...POSITION, sort: 'finishedAt' as const, value: null };
    expect(codec.decode(codec.encode(finished), { ...EXPECTED, sort: 'finishedAt' })).toEqual(finished);
    const priority = { ...POSITION, sort: 'priority' as const, value: -5 };
    expect(codec.decode(codec.encode(priority), { ...EXPECTED, sort: 'priority' })).toEqual(priority);
  });

  it('is opaque: no raw id or timestamp in the clear', () => {
    const cursor = codec.encode(POSITION);
    expect(cursor).not.toContain(POSITION.id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor whose body was altered, even with a well-formed payload', () => {
    const [, signature] = codec.encode(POSITION).split('.');
    const forgedBody = Buffer.from(JSON.stringify(['createdAt', 'desc', '2030-01-01T00:00:00.000Z', POSITION.id, POSITION.query])).toString('base64url');
    expect(problemOf(() => codec.decode(`${forgedBody}.${signature}`, EXPECTED))).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('refuses a cursor signed with another secret', () => {
    const foreign = new CursorCodec('another-secret').encode(POSITION);
    expect(problemOf(() => codec.decode(foreign, EXPECTED)).code).toBe('INVALID_CURSOR');
  });

  it.each(['', 'abc', 'a.b.c', '%%%.###', `${'x'.repeat(40)}.${'y'.repeat(43)}`])('refuses garbage %j', (garbage) => {
    expect(problemOf(() => codec.decode(garbage, EXPECTED))).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('refuses a genuine cursor replayed with other filters or another sort', () => {
    const cursor = codec.encode(POSITION);
    expect(problemOf(() => codec.decode(cursor, { ...EXPECTED, query: queryFingerprint({ type: ['b'] }) })).detail).toMatch(/another sort/);
    expect(problemOf(() => codec.decode(cursor, { ...EXPECTED, order: 'asc' })).code).toBe('INVALID_CURSOR');
  });
});

describe('queryFingerprint', () => {
  it('ignores key order and treats undefined as absent', () => {
    expect(queryFingerprint({ a: 1, b: [2] })).toBe(queryFingerprint({ b: [2], a: 1 }));
    expect(queryFingerprint({ a: 1, b: undefined })).toBe(queryFingerprint({ a: 1, b: null }));
    expect(queryFingerprint({ a: 1 })).not.toBe(queryFingerprint({ a: 2 }));
  });
});
