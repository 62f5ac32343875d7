import { describe, expect, it } from '@jest/globals';
import { confirmsCount, INITIAL_PURGE_FORM, localDateTimeToIso, purgeQuery } from './purge-form.js';

describe('localDateTimeToIso', () => {
  it('reads a datetime-local value as local time, with or without seconds', () => {
    expect(localDateTimeToIso('2026-01-31T12:30')).toBe(new Date(2026, 0, 31, 12, 30).toISOString());
    expect(localDateTimeToIso('2026-01-31T12:30:15')).toBe(new Date(2026, 0, 31, 12, 30, 15).toISOString());
  });

  it('refuses anything else', () => {
    expect(localDateTimeToIso('')).toBeNull();
    expect(localDateTimeToIso('2026-01-31')).toBeNull();
    expect(localDateTimeToIso('2026-13-45T99:99')).toBeNull();
    expect(localDateTimeToIso('yesterday')).toBeNull();
  });
});

describe('purgeQuery', () => {
  it('needs a date', () => {
    expect(purgeQuery(INITIAL_PURGE_FORM)).toEqual({ ok: false, problems: ['Give “created before”, “finished before” or both.'] });
  });

  it('deletes finished jobs of every owner and type by default', () => {
    expect(purgeQuery({ ...INITIAL_PURGE_FORM, createdBefore: '2026-01-31T12:30' })).toEqual({
      ok: true,
      query: { createdBefore: new Date(2026, 0, 31, 12, 30).toISOString(), status: ['COMPLETED', 'FAILED', 'CANCELLED'] },
    });
  });

  it('narrows by statuses, types and owner, and asks for active jobs explicitly', () => {
    const result = purgeQuery({
      ...INITIAL_PURGE_FORM,
      finishedBefore: '2026-02-01T00:00:00',
      statuses: ['FAILED'],
      includeActive: true,
      types: ' text.indicators, ,domain.similar,text.indicators ',
      ownerId: '  alice ',
    });
    expect(result).toEqual({
      ok: true,
      query: {
        finishedBefore: new Date(2026, 1, 1).toISOString(),
        status: ['FAILED', 'PENDING', 'PROCESSING'],
        includeActive: true,
        type: ['text.indicators', 'domain.similar'],
        ownerId: 'alice',
      },
    });
  });

  it('says everything to fix at once', () => {
    expect(purgeQuery({ ...INITIAL_PURGE_FORM, createdBefore: 'soon', statuses: [] })).toEqual({
      ok: false,
      problems: ['Created before is not a date and time.', 'Choose at least one status.'],
    });
  });
});

describe('confirmsCount', () => {
  it('takes exactly the count', () => {
    expect(confirmsCount('3', 3)).toBe(true);
    expect(confirmsCount(' 3 ', 3)).toBe(true);
    expect(confirmsCount('', 3)).toBe(false);
    expect(confirmsCount('4', 3)).toBe(false);
    expect(confirmsCount('03', 3)).toBe(false);
    expect(confirmsCount('1,234', 1234)).toBe(false);
  });
});
