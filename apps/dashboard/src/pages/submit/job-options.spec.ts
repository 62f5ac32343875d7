import { describe, expect, it } from '@jest/globals';
import { EMPTY_OPTIONS, isoFromLocalDateTime, localDateTimeFromIso, optionPaths, optionValuesOf, requestOptionsOf } from './job-options.js';

describe('the Options section ↔ the request', () => {
  it('sends nothing for empty options: the API and the job type decide', () => {
    expect(requestOptionsOf(EMPTY_OPTIONS)).toEqual({ options: {}, problems: [] });
  });

  it('parses integers, keeps metadata labels as typed text, and sends a webhook with or without its secret', () => {
    const { options, problems } = requestOptionsOf({
      ...EMPTY_OPTIONS,
      priority: ' -5 ',
      maxAttempts: '2',
      timeoutSeconds: '30',
      metadata: [
        { key: 'team', value: '<script>alert(1)</script>' },
        { key: '', value: '' },
        { key: 'n', value: '42' },
      ],
      webhookUrl: 'https://hooks.example.com/jobs',
    });
    expect(problems).toEqual([]);
    expect(options).toEqual({
      priority: -5,
      maxAttempts: 2,
      timeoutSeconds: 30,
      metadata: { team: '<script>alert(1)</script>', n: '42' },
      webhook: { url: 'https://hooks.example.com/jobs' },
    });
  });

  it('refuses what JSON cannot carry or is no integer, and asks for the delay or time the schedule needs', () => {
    const { problems } = requestOptionsOf({
      ...EMPTY_OPTIONS,
      priority: 'high',
      schedule: 'delay',
      metadata: [
        { key: 'a', value: '1' },
        { key: 'a', value: '2' },
      ],
    });
    expect(problems).toEqual([
      { kind: 'invalid', field: 'priority', message: 'priority must be an integer' },
      { kind: 'missing', field: 'delaySeconds', message: 'delaySeconds is required to run after a delay' },
      { kind: 'invalid', field: 'metadata', message: 'metadata has the key "a" more than once' },
    ]);
    expect(requestOptionsOf({ ...EMPTY_OPTIONS, schedule: 'at', runAt: 'tomorrow' }).problems).toEqual([
      { kind: 'invalid', field: 'runAt', message: 'runAt must be a date and time' },
    ]);
  });

  it('sends only the schedule chosen: a delay, or a local time as its instant', () => {
    expect(requestOptionsOf({ ...EMPTY_OPTIONS, schedule: 'delay', delaySeconds: '90', runAt: '2030-01-01T00:00' }).options).toEqual({ delaySeconds: 90 });
    const { options } = requestOptionsOf({ ...EMPTY_OPTIONS, schedule: 'at', runAt: '2030-06-01T12:30', delaySeconds: '90' });
    expect(options).toEqual({ runAt: new Date(2030, 5, 1, 12, 30).toISOString() });
  });

  it('converts local date-times to instants and back, in any time zone', () => {
    for (const local of ['2030-06-01T12:30:00', '2031-12-31T23:59:59', '2030-01-15T08:05:07.250']) {
      const iso = isoFromLocalDateTime(local);
      expect(iso).not.toBeNull();
      expect(localDateTimeFromIso(iso as string)).toBe(local);
    }
    expect(isoFromLocalDateTime('2030-13-45T99:00')).toBeNull();
    expect(localDateTimeFromIso('soon')).toBeNull();
  });

  it('reads a request body back into the options', () => {
    expect(
      optionValuesOf({
        type: 'x',
        payload: {},
        priority: 3,
        delaySeconds: 60,
        metadata: { team: 'red', count: 2 },
        webhook: { url: 'https://hooks.example.com', secret: 'a-secret-of-16-chars' },
      }),
    ).toEqual({
      ...EMPTY_OPTIONS,
      priority: '3',
      schedule: 'delay',
      delaySeconds: '60',
      metadata: [
        { key: 'team', value: 'red' },
        { key: 'count', value: '2' },
      ],
      webhookUrl: 'https://hooks.example.com',
      webhookSecret: 'a-secret-of-16-chars',
    });
  });

  it('names the fields whose errors the section shows: the schedule’s own field only while it is chosen', () => {
    expect(optionPaths('now')).toEqual(['priority', 'maxAttempts', 'timeoutSeconds', 'metadata', 'webhook', 'webhook.url', 'webhook.secret']);
    expect(optionPaths('delay')).toContain('delaySeconds');
    expect(optionPaths('delay')).not.toContain('runAt');
    expect(optionPaths('at')).toContain('runAt');
  });
});
