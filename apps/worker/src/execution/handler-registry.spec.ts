import { describe, expect, it } from '@jest/globals';
import { defineJobType } from '@jobs/dto';
import { pairHandlers } from './handler-registry.js';
import type { JobHandler, JobHandlerClass } from './job-handler.js';

class Payload {}
const alpha = defineJobType({ name: 'alpha', description: '', payload: Payload, resultType: 'a', result: Payload, defaults: { timeoutSeconds: 1, maxAttempts: 1, retryDelaySeconds: 1 } });
const beta = defineJobType({ ...alpha, name: 'beta' });

function handlerClass(jobType: string, name: string): JobHandlerClass {
  const handler = class implements JobHandler {
    static readonly jobType = jobType;
    async handle(): Promise<object> {
      return {};
    }
  };
  Object.defineProperty(handler, 'name', { value: name });
  return handler;
}

describe('pairHandlers', () => {
  it("pairs each of the catalog's types with its handler, and leaves out the handlers of types not enabled", () => {
    const a = handlerClass('alpha', 'AlphaHandler');
    const b = handlerClass('beta', 'BetaHandler');
    expect(pairHandlers(['alpha', 'beta'], [alpha, beta], [a, b])).toEqual(new Map([['alpha', a], ['beta', b]]));
    expect(pairHandlers(['alpha', 'beta'], [alpha], [a, b])).toEqual(new Map([['alpha', a]]));
  });

  it('refuses a catalog type without a handler', () => {
    expect(() => pairHandlers(['alpha', 'beta'], [alpha, beta], [handlerClass('alpha', 'AlphaHandler')])).toThrow('"beta" has no handler');
  });

  it('refuses two handlers for one type', () => {
    expect(() => pairHandlers(['alpha'], [alpha], [handlerClass('alpha', 'First'), handlerClass('alpha', 'Second')])).toThrow(
      '"alpha" has two handlers: First and Second',
    );
  });

  it('refuses a handler for a type the platform does not know', () => {
    expect(() => pairHandlers(['alpha'], [alpha], [handlerClass('alpha', 'AlphaHandler'), handlerClass('gamma', 'Stray')])).toThrow(
      'Stray handles "gamma", which is not a job type',
    );
  });
});
