import { describe, expect, it } from '@jest/globals';
import { PREPARED_STATEMENTS_MAX, RUNS_BEFORE_PREPARED, StatementNames } from './statement-names.js';

describe('StatementNames', () => {
  it('names a statement from its third run on, always with the same name', () => {
    const names = new StatementNames();
    const runs = Array.from({ length: RUNS_BEFORE_PREPARED + 2 }, () => names.nameFor('SELECT 1'));
    expect(runs.slice(0, RUNS_BEFORE_PREPARED - 1)).toEqual(['', '']);
    expect(new Set(runs.slice(RUNS_BEFORE_PREPARED - 1))).toEqual(new Set(['jobs_1']));
  });

  it('gives different statements different names', () => {
    const names = new StatementNames();
    const nameAfterRuns = (sql: string) => Array.from({ length: RUNS_BEFORE_PREPARED }, () => names.nameFor(sql)).at(-1);
    expect(nameAfterRuns('SELECT 1')).toBe('jobs_1');
    expect(nameAfterRuns('SELECT 2')).toBe('jobs_2');
    expect(names.nameFor('SELECT 1')).toBe('jobs_1');
  });

  it('prepares no more than the maximum, leaving the rest unnamed', () => {
    const names = new StatementNames();
    for (let statement = 0; statement < PREPARED_STATEMENTS_MAX + 10; statement += 1) {
      for (let run = 0; run < RUNS_BEFORE_PREPARED; run += 1) names.nameFor(`SELECT ${statement}`);
    }
    expect(names.nameFor(`SELECT ${PREPARED_STATEMENTS_MAX - 1}`)).toBe(`jobs_${PREPARED_STATEMENTS_MAX}`);
    expect(names.nameFor(`SELECT ${PREPARED_STATEMENTS_MAX}`)).toBe('');
  });

  it('leaves statements that vary with every call unnamed', () => {
    const names = new StatementNames();
    const seen = Array.from({ length: 20_000 }, (_, index) => names.nameFor(`SELECT ${index}`));
    expect(seen.every((name) => name === '')).toBe(true);
  });
});
