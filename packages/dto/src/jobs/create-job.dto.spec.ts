import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateJobRequest } from './create-job.dto.js';

async function problems(body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(CreateJobRequest, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.flatMap((error) => Object.values(error.constraints ?? {}));
}

describe('CreateJobRequest', () => {
  it('accepts a minimal request and one with every option', async () => {
    expect(await problems({ type: 't', payload: {} })).toEqual([]);
    expect(
      await problems({ type: 't', payload: {}, priority: -100, runAt: '2030-01-01T00:00:00.000Z', maxAttempts: 25, timeoutSeconds: 86400, metadata: { a: 'b' } }),
    ).toEqual([]);
  });

  it('takes runAt or delaySeconds, not both', async () => {
    expect(await problems({ type: 't', payload: {}, delaySeconds: 10 })).toEqual([]);
    expect(await problems({ type: 't', payload: {}, delaySeconds: 10, runAt: '2030-01-01T00:00:00Z' })).toEqual([
      'runAt and delaySeconds cannot both be given',
    ]);
  });

  it('refuses dates that are not ISO 8601 date-times', async () => {
    for (const runAt of ['tomorrow', '2030-13-01T00:00:00Z', '1700000000000']) {
      expect(await problems({ type: 't', payload: {}, runAt })).toEqual(['runAt must be an ISO 8601 date-time']);
    }
  });
});
