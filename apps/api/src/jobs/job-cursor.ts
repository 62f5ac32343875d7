import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, type JobSortField, type SortOrder } from '@jobs/contracts';
import { ProblemException } from '../problems/problem.exception.js';

/** Where a page ended: the last row's sort value and id, for the query that produced it. */
export interface CursorPosition {
  sort: JobSortField;
  order: SortOrder;
  /** ISO timestamp, priority number, or null (an unfinished job when sorting by finishedAt). */
  value: string | number | null;
  id: string;
  /** Fingerprint of the filters, so a cursor cannot be replayed against another query. */
  query: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque, signed keyset cursors: base64url(JSON) "." base64url(HMAC-SHA256). */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(position: CursorPosition): string {
    const body = Buffer.from(JSON.stringify([position.sort, position.order, position.value, position.id, position.query])).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** The position a cursor names, or 400 INVALID_CURSOR for anything forged, garbled or foreign. */
  decode(cursor: string, expected: { sort: JobSortField; order: SortOrder; query: string }): CursorPosition {
    const [body, signature, extra] = cursor.split('.');
    if (!body || !signature || extra !== undefined || !this.verify(body, signature)) throw invalidCursor('it is malformed or was altered');
    let fields: unknown;
    try {
      fields = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor('it is malformed or was altered');
    }
    if (!Array.isArray(fields) || fields.length !== 5) throw invalidCursor('it is malformed or was altered');
    const [sort, order, value, id, query] = fields as unknown[];
    if (sort !== expected.sort || order !== expected.order || query !== expected.query) {
      throw invalidCursor('it belongs to a query with other filters or another sort; start again without a cursor');
    }
    const valueOk = value === null || typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value)));
    if (!valueOk || typeof id !== 'string' || !UUID.test(id)) throw invalidCursor('it is malformed or was altered');
    return { sort, order, value: value as CursorPosition['value'], id, query } as CursorPosition;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }

  private verify(body: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function invalidCursor(reason: string): ProblemException {
  return new ProblemException(400, ErrorCode.INVALID_CURSOR, `The cursor is not valid: ${reason}.`, {
    errors: [{ field: 'cursor', message: `cursor is not valid: ${reason}` }],
  });
}

/** A short, stable fingerprint of the parts of a query a cursor must not outlive. */
export function queryFingerprint(parts: Record<string, unknown>): string {
  const canonical = JSON.stringify(Object.keys(parts).sort().map((key) => [key, parts[key] ?? null]));
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}
