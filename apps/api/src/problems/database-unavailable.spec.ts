import { describe, expect, it } from '@jest/globals';
import { isDatabaseUnavailable } from './database-unavailable.js';

/** An error as a driver adapter hands it on: the driver's error as its cause. */
function wrapped(message: string, cause: unknown): Error {
  return Object.assign(new Error(message), { cause });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a server shutting down', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a connection lost mid-query (node-postgres, no code)', wrapped('Invalid `prisma.$queryRaw()` invocation', new Error('Connection terminated unexpectedly'))],
    ['a client broken by an earlier connection error', new Error('Client has encountered a connection error and is not queryable')],
    ['a pool that could not connect in time', wrapped('query failed', new Error('timeout exceeded when trying to connect'))],
    ["Prisma's closed connection", Object.assign(new Error('Server has closed the connection.'), { code: 'P1017' })],
  ])('is true for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a value that is not an error', 'Connection'],
  ])('is false for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
