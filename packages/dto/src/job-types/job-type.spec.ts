import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { defineJobType, validatePayload } from './job-type.js';

class Range {
  @IsInt()
  @Min(0)
  from: number;
}

class SamplePayload {
  @IsString()
  @MaxLength(5)
  name: string;

  @IsInt()
  @Min(1)
  @Max(10)
  count: number;

  @ValidateNested()
  @Type(() => Range)
  range: Range;
}

const SAMPLE = defineJobType({
  name: 'sample',
  description: 'a sample',
  payload: SamplePayload,
  result: SamplePayload,
  resultType: 'sample-result',
  defaults: { timeoutSeconds: 1, maxAttempts: 1, retryDelaySeconds: 1 },
});

describe('validatePayload', () => {
  it('returns the payload as an instance of its contract class when valid', async () => {
    const outcome = await validatePayload(SAMPLE, { name: 'ok', count: 3, range: { from: 0 } });
    expect(outcome.valid).toBe(true);
    if (outcome.valid) expect(outcome.payload).toBeInstanceOf(SamplePayload);
  });

  it('names every failing field by its full path', async () => {
    const outcome = await validatePayload(SAMPLE, { name: 'too long', count: 0, range: { from: -1 } });
    expect(outcome).toEqual({
      valid: false,
      errors: [
        { field: 'payload.name', message: 'payload.name must be shorter than or equal to 5 characters' },
        { field: 'payload.count', message: 'payload.count must not be less than 1' },
        { field: 'payload.range.from', message: 'payload.range.from must not be less than 0' },
      ],
    });
  });

  it('reports only the type error when a value has the wrong type', async () => {
    const outcome = await validatePayload(SAMPLE, { name: 12, count: 'many', range: { from: 1 } });
    expect(outcome).toEqual({
      valid: false,
      errors: [
        { field: 'payload.name', message: 'payload.name must be a string' },
        { field: 'payload.count', message: 'payload.count must be an integer number' },
      ],
    });
  });

  it('refuses unknown fields, including nested ones and prototype keys', async () => {
    const raw = JSON.parse('{"name":"a","count":1,"range":{"from":1,"to":2},"__proto__":{"admin":true},"extra":1}');
    const outcome = await validatePayload(SAMPLE, raw);
    expect(outcome.valid).toBe(false);
    if (!outcome.valid) {
      expect(outcome.errors.map((error) => error.field).sort()).toEqual(['payload.__proto__', 'payload.extra', 'payload.range.to']);
    }
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('refuses a payload that is not an object', async () => {
    for (const raw of [null, 'text', 5, [1, 2]]) {
      expect(await validatePayload(SAMPLE, raw)).toEqual({ valid: false, errors: [{ field: 'payload', message: 'payload must be an object' }] });
    }
  });
});
