import { describe, expect, it } from '@jest/globals';
import { statsQueryFor } from './stats-scope.js';

describe('statsQueryFor', () => {
  it('asks for the default scope or every owner, and has nothing for one owner alone', () => {
    expect(statsQueryFor('org')).toEqual({});
    expect(statsQueryFor('all')).toEqual({ scope: 'all' });
    expect(statsQueryFor('mine')).toBeNull();
  });
});
