import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { activeTraceParent, traceLogFields, traceParentContext } from './trace-parent.js';

const STORED = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('a job’s stored trace context', () => {
  const manager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(manager.enable());
  });
  afterAll(() => context.disable());

  it('is read back as the same traceparent, and gives log lines its ids', () => {
    context.with(traceParentContext(STORED), () => {
      expect(activeTraceParent()).toBe(STORED);
      expect(traceLogFields()).toEqual({ trace_id: '0af7651916cd43dd8448eb211c80319c', span_id: 'b7ad6b7169203331' });
    });
  });

  it('keeps an unsampled flag', () => {
    const unsampled = STORED.replace(/01$/, '00');
    context.with(traceParentContext(unsampled), () => expect(activeTraceParent()).toBe(unsampled));
  });

  it('is nothing outside a span, for null and for malformed or all-zero values', () => {
    expect(activeTraceParent()).toBeNull();
    expect(traceLogFields()).toEqual({});
    for (const value of [null, '', 'garbage', STORED.toUpperCase(), `01${STORED.slice(2)}`, '00-00000000000000000000000000000000-b7ad6b7169203331-01', '00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01']) {
      context.with(traceParentContext(value), () => expect(activeTraceParent()).toBeNull());
    }
  });
});
