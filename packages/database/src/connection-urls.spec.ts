import { describe, expect, it } from '@jest/globals';
import { poolerInFront, sessionUrl } from './connection-urls.js';

const POOLED = 'postgresql://jobs@pgbouncer:6432/jobs';
const DIRECT = 'postgresql://jobs@postgres:5432/jobs';

describe('connection URLs', () => {
  it('opens sessions on the direct URL when one is set, on the statements URL otherwise', () => {
    expect(sessionUrl({ url: POOLED, directUrl: DIRECT })).toBe(DIRECT);
    expect(sessionUrl({ url: DIRECT })).toBe(DIRECT);
  });

  it('takes a direct URL set apart from the statements URL for a pooler in front, and nothing else', () => {
    expect(poolerInFront({ url: POOLED, directUrl: DIRECT })).toBe(true);
    expect(poolerInFront({ url: DIRECT, directUrl: DIRECT })).toBe(false);
    expect(poolerInFront({ url: DIRECT })).toBe(false);
  });
});
