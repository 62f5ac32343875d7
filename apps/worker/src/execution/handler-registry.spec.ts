import { describe, expect, it } from '@jest/globals';
import { defineJobType } from '@jobs/contracts';
import { buildHandlerRegistry } from './handler-registry.js';
import type { JobHandler } from './job-handler.js';

class Payload {}
class Output {}
const alpha = defineJobType({ name: 'alpha', description: '', payload: Payload, result: Output, resultType: 'a', defaults: { timeoutSeconds: 1, maxAttempts: 1, retryDelaySeconds: 1 } });
const beta = defineJobType({ ...alpha, name: 'beta' });

function handlerFor(definition: typeof alpha, name: string): JobHandler {
  const handler = { definition, handle: async () => ({}) };
  Object.defineProperty(handler, 'constructor', { value: { name } });
  return handler;
}

describe('buildHandlerRegistry', () => {
  it('maps each catalog type to its handler', () => {
    const a = handlerFor(alpha, 'AlphaHandler');
    const b = handlerFor(beta, 'BetaHandler');
    const registry = buildHandlerRegistry([alpha, beta], [a, b]);
    expect(registry.get('alpha')).toBe(a);
    expect(registry.get('beta')).toBe(b);
  });

  it('refuses a catalog type without a handler', () => {
    expect(() => buildHandlerRegistry([alpha, beta], [handlerFor(alpha, 'AlphaHandler')])).toThrow('"beta" has no handler');
  });

  it('refuses two handlers for one type', () => {
    expect(() => buildHandlerRegistry([alpha], [handlerFor(alpha, 'First'), handlerFor(alpha, 'Second')])).toThrow(
      '"alpha" has two handlers: First and Second',
    );
  });

  it('refuses a handler for a type the catalog does not know', () => {
    expect(() => buildHandlerRegistry([alpha], [handlerFor(alpha, 'AlphaHandler'), handlerFor(beta, 'Stray')])).toThrow(
      'Stray handles "beta", which is not in the job catalog',
    );
  });
});
