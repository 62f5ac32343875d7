import { type Context, context, isSpanContextValid, ROOT_CONTEXT, trace } from '@opentelemetry/api';

/** version 00, trace id, parent span id, flags: https://www.w3.org/TR/trace-context/#traceparent-header */
const TRACE_PARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The active span as a W3C `traceparent` value — what a job stores so its worker continues the trace
 * that submitted it; null outside any span (always, when tracing is off).
 */
export function activeTraceParent(): string | null {
  const spanContext = trace.getSpanContext(context.active());
  if (!spanContext || !isSpanContextValid(spanContext)) return null;
  return `00-${spanContext.traceId}-${spanContext.spanId}-${spanContext.traceFlags.toString(16).padStart(2, '0')}`;
}

/** A context whose (remote) parent is the span a stored `traceparent` names; the root context for null or an invalid value. */
export function traceParentContext(traceParent: string | null): Context {
  const match = traceParent === null ? null : TRACE_PARENT.exec(traceParent);
  if (!match) return ROOT_CONTEXT;
  const [, traceId = '', spanId = '', flags = '00'] = match;
  const spanContext = { traceId, spanId, traceFlags: Number.parseInt(flags, 16), isRemote: true };
  return isSpanContextValid(spanContext) ? trace.setSpanContext(ROOT_CONTEXT, spanContext) : ROOT_CONTEXT;
}

/** The trace id of a stored `traceparent` (what a tracing backend finds the trace by); null for null or a malformed value. */
export function traceIdOf(traceParent: string | null): string | null {
  return (traceParent === null ? null : TRACE_PARENT.exec(traceParent)?.[1]) ?? null;
}

/** The active span's ids for a log line (`trace_id`, `span_id`); empty outside any span. */
export function traceLogFields(): { trace_id?: string; span_id?: string } {
  const spanContext = trace.getSpanContext(context.active());
  return spanContext && isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
}
