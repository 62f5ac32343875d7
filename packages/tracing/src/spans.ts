import { type Attributes, type Context, context, type Link, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { traceParentContext } from './trace-parent.js';

/** Every span of the platform comes from this tracer (a no-op until `startTracing` registers the SDK). */
const tracer = trace.getTracer('jobs-platform');

const KINDS = { server: SpanKind.SERVER, client: SpanKind.CLIENT, consumer: SpanKind.CONSUMER, internal: SpanKind.INTERNAL } as const;

export interface SpanOptions {
  /** The OpenTelemetry span kind; `internal` by default. */
  role?: keyof typeof KINDS;
  attributes?: Attributes;
  /** The parent: a W3C `traceparent` (a job's stored context), a context, or by default the active one; `null` starts a new trace. */
  parent?: string | Context | null;
  /** Other traces this span relates to, by `traceparent` (a job's trace from a delivery); invalid or null ones are left out. */
  links?: readonly (string | null)[];
}

/** A span that is not made active: for spans whose work outlives one call (a request, a stream). End it with `endSpan`. */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  const links = (options.links ?? []).flatMap((traceParent): Link[] => {
    const spanContext = traceParent === null ? undefined : trace.getSpanContext(traceParentContext(traceParent));
    return spanContext ? [{ context: spanContext }] : [];
  });
  return tracer.startSpan(name, { kind: KINDS[options.role ?? 'internal'], attributes: options.attributes, links }, parentOf(options.parent));
}

/** Runs `work` with `span` active, so spans and log lines made meanwhile belong to it. */
export function withSpanActive<T>(span: Span, work: () => T): T {
  return context.with(trace.setSpan(context.active(), span), work);
}

/** Runs `work` in a new active span, ended when it settles; a throw marks the span as failed and is rethrown. */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const span = startSpan(name, options);
  try {
    return await context.with(trace.setSpan(parentOf(options.parent), span), () => work(span));
  } catch (error) {
    markFailed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Adds attributes to the active span, if any (what a callee learns that its caller's span should say). */
export function setActiveSpanAttributes(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** Sets the span's status to error with the error's message (and records it as an exception event). */
export function markFailed(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
}

function parentOf(parent: SpanOptions['parent']): Context {
  if (parent === undefined) return context.active();
  if (parent === null) return trace.deleteSpan(context.active());
  return typeof parent === 'string' ? traceParentContext(parent) : parent;
}

export type { Span };
