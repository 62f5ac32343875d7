import { describe, expect, it } from '@jest/globals';
import { databaseErrorMatches } from './database-error.js';

describe('databaseErrorMatches', () => {
  it('reads the code, the message and the metadata, down the cause chain', () => {
    expect(databaseErrorMatches(Object.assign(new Error('x'), { code: '40P01' }), /40P01/)).toBe(true);
    expect(databaseErrorMatches(new Error('deadlock detected'), /deadlock detected/)).toBe(true);
    expect(databaseErrorMatches({ meta: { code: '57P01' } }, /57P01/)).toBe(true);
    expect(databaseErrorMatches(new Error('outer', { cause: new Error('ECONNREFUSED') }), /ECONNREFUSED/)).toBe(true);
  });

  it('is false for anything else', () => {
    expect(databaseErrorMatches(new Error('syntax error'), /40P01/)).toBe(false);
    expect(databaseErrorMatches('40P01', /40P01/)).toBe(false);
    expect(databaseErrorMatches(null, /40P01/)).toBe(false);
  });
});
